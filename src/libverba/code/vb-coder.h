/* vb-coder.h: applying a codebook's rules to segments. */
#pragma once

#include <glib.h>
#include "codebook/vb-codebook.h"
#include "code/vb-matcher.h"
#include "stream/vb-segment.h"

G_BEGIN_DECLS

typedef struct _VbCoder VbCoder;

/* Compiles cb's rules into one matcher (vb-matcher.h). */
VbCoder *vb_coder_new (const VbCodebook *cb);
/* A coder for another thread, sharing coder's compiled matcher. */
VbCoder *vb_coder_clone (const VbCoder *coder);
/* The compiled matcher coder codes through (NULL for a reference coder). */
VbMatcher *vb_coder_matcher (const VbCoder *coder);
/* The reference path: every rule evaluated on its own over every text
 * (vb_rule_match).  Slow; the matcher must give exactly its codings, which
 * tests check. */
VbCoder *vb_coder_new_reference (const VbCodebook *cb);
void     vb_coder_free (VbCoder *coder);
/* Codes the segments of one document (document-scope rules need them
 * together).  Codings are added to each segment, in codebook order then
 * by position; a span found by two rules of one code is kept once.
 * Document scope is judged over the counted speakers' segments and,
 * separately, over the moderators', so a moderator's prompt never codes a
 * participant's words. */
void     vb_coder_code_document (VbCoder *coder, GPtrArray *segments);
/* Set once a rule could not be judged (a regex reached
 * VB_REGEX_MATCH_LIMIT): "line L (document D, segment N): [theme:x] rule:
 * regex … gave up …".  The segments coded since are incomplete; the caller
 * must fail rather than write them.  NULL while all is well. */
const GError *vb_coder_error (const VbCoder *coder);
/* The first failure, handed over and cleared (for coders reused over
 * batches, so a failure is reported with the batch it belongs to). */
GError      *vb_coder_take_error (VbCoder *coder);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (VbCoder, vb_coder_free)

G_END_DECLS
