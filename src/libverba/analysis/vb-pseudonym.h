/* vb-pseudonym.h: how a speaker is shown in a table, a quote or a report.
 *
 * Transcripts label turns with whatever the transcriber wrote, often a
 * first name.  Reports must not name participants unless asked, so every
 * place that shows a speaker asks here:
 *
 *  1. with names asked for (--names), the speaker as written;
 *  2. a pseudonym given for (document, speaker) in a pseudonyms file, or
 *     the segment's own `pseudonym` attribute (a participants sidecar's
 *     pseudonym column puts it there);
 *  3. a label that names no one, kept as written: a code such as P4, R12,
 *     "Speaker 1", "Respondent 3" (letters, an optional space, digits), a
 *     bare role word (Respondent, Participant, Interviewee, Moderator,
 *     Interviewer, A, Q, R), or the document id itself (a consultation
 *     answer's respondent);
 *  4. otherwise "participant N" ("moderator N" for moderators and
 *     interviewers), N counting the document's speakers shown this way in
 *     the order they first speak in the stream, so the same stream always
 *     gives the same labels. */
#pragma once

#include <glib.h>
#include "stream/vb-segment.h"

G_BEGIN_DECLS

typedef struct _VbPseudonyms VbPseudonyms;

VbPseudonyms *vb_pseudonyms_new (gboolean names);
void          vb_pseudonyms_free (VbPseudonyms *p);
/* A CSV file with a header row naming the columns document, speaker and
 * pseudonym (others are ignored). */
gboolean      vb_pseudonyms_load (VbPseudonyms *p, const char *path, GError **error);
/* Numbers seg's speaker if rule 4 applies; call in stream order for every
 * segment before asking for labels. */
void          vb_pseudonyms_see (VbPseudonyms *p, const VbSegment *seg);
/* seg's speaker as shown (owned by p), or NULL when the segment has none. */
const char   *vb_pseudonyms_speaker (VbPseudonyms *p, const VbSegment *seg);
/* TRUE when names are shown as written. */
gboolean      vb_pseudonyms_names (const VbPseudonyms *p);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (VbPseudonyms, vb_pseudonyms_free)

G_END_DECLS
