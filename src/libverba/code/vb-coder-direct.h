/* vb-coder-direct.h: verba code's direct lane, which codes a stream row
 * from its bytes and writes it without making a segment of it.
 *
 * The general path parses a row into a VbSegment, evaluates the rules the
 * scan woke up, keeps the codings in the segment and writes it back field
 * by field.  When every rule of the codebook is words, stems and phrases
 * joined by OR (as a dictionary's categories are) and no code has document
 * scope, a rule holds exactly where one of its words or phrases occurs,
 * with their spans (in a sentence as in the whole text for a word, which
 * never spans a sentence break; phrases only at segment scope), so the
 * codings come straight from the matcher's look-up.  And when
 * the row is already in the form the writer writes it in (see
 * vb_direct_code_line), its bytes are copied, with the codes and codings
 * columns put in before the text.  A row the lane cannot vouch for goes
 * the general way, which also gives its error; either way the output is
 * the same bytes (tests/test-coder-direct.c compares the two on random
 * rows and codebooks). */
#pragma once

#include <glib.h>
#include "codebook/vb-codebook.h"
#include "code/vb-matcher.h"
#include "stream/vb-stream.h"

G_BEGIN_DECLS

typedef struct _VbDirect VbDirect;
typedef struct _VbDirectState VbDirectState;

/* The lane for coding r's rows with cb (whose matcher is m) into a coded
 * stream with r's attribute columns; NULL when a rule is more than words,
 * stems and phrases joined by OR, a phrase is matched by sentence, a code
 * has document scope, or r's header is not in the writer's order
 * (vb_stream_reader_is_canonical).  Read-only once made:
 * threads share it, each with its own state. */
VbDirect      *vb_direct_new (const VbCodebook *cb, VbMatcher *m, const VbStreamReader *r);
/* The lane for any rules (NOT, NEAR, regexes, every scope but the
 * document's), evaluated as the general path evaluates them, through the
 * matcher (vb-matcher.h): the lane then saves only making a segment of
 * the row and writing it back, which is most of the work left for a
 * codebook of rules once the scan wakes few of them.  NULL when a code
 * has document scope or r's header is not in the writer's order. */
VbDirect      *vb_direct_new_rules (const VbCodebook *cb, VbMatcher *m, const VbStreamReader *r);
void           vb_direct_free (VbDirect *d);
VbDirectState *vb_direct_state_new (VbDirect *d);
void           vb_direct_state_free (VbDirectState *st);
/* Appends the row of line (without its line end), coded, to out, the
 * bytes vb_stream_writer_format writes after the general path codes it,
 * and tells whether it got any coding.  FALSE, with out unchanged, when
 * the row must go the general way: it is not valid UTF-8 without NUL or
 * CR, has not the header's number of fields, has a backslash before the
 * text, a bad escape in the text, an empty or unknown role or phase, or a
 * segment, start or end that is not a number written without leading
 * zeros. */
gboolean       vb_direct_code_line (VbDirectState *st, const char *line, gsize len,
                                    GString *out, gboolean *coded);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (VbDirect, vb_direct_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (VbDirectState, vb_direct_state_free)

G_END_DECLS
