/* vb-quotes.h: choosing verbatims for a code and attributing them the way
 * reports do: "…" Nottingham, 36-60, ABC1. */
#pragma once

#include <glib.h>
#include "stream/vb-segment.h"

G_BEGIN_DECLS

/* The attribution of seg.  tmpl may name attributes as {key} (also
 * {document} and {speaker}); NULL uses the segment's `attribution`
 * attribute, else its location, age and grade, else document and speaker.
 * speaker is the speaker as shown (vb-pseudonym.h), never taken from seg. */
char      *vb_quote_attribution (const VbSegment *seg, const char *tmpl, const char *speaker);
/* s as one line (line breaks and tabs become spaces), cut at a word
 * boundary with an ellipsis when longer than max_chars (0: no limit). */
char      *vb_text_shorten (const char *s, guint max_chars);
/* "text" Attribution.  Texts longer than max_chars (0: no limit) are cut
 * at a word boundary with an ellipsis. */
char      *vb_quote_format (const VbSegment *seg, const char *tmpl, const char *speaker,
                            guint max_chars);
/* FALSE for the note-taker's own words (attribute kind = note or
 * flipchart): they are counted but are not verbatims to quote. */
gboolean   vb_quote_is_verbatim (const VbSegment *seg);
/* Up to n of segs (const VbSegment*) for code, best first: segments where
 * the code was found more often first, then those nearest a readable
 * length, one per speaker before any speaker is used twice; ties keep
 * stream order.  Only verbatims unless notes is TRUE.  Returns a new
 * array of borrowed pointers. */
GPtrArray *vb_quotes_select (GPtrArray *segs, const char *code, guint n, gboolean notes);

typedef enum {
  VB_QUOTE_RANK_HITS,   /* codings of the code first (the default) */
  VB_QUOTE_RANK_CODES,  /* verbatims that raise the most codes first */
} VbQuoteRank;

typedef struct {
  guint        n;
  gboolean     notes;
  VbQuoteRank  rank;
  guint        min_words, max_words;  /* verbatims outside are left out (0: no limit) */
  gboolean     one_per_participant;   /* never quote a participant twice */
  const char  *spread;       /* an attribute: take the best of each of its values in
                                turn (natural order; "(none)" last), or NULL */
} VbQuoteChoice;

void       vb_quote_choice_init (VbQuoteChoice *o);
/* vb_quotes_select with every choice: candidates are ranked (by rank,
 * then nearness to a readable length, then stream order), filtered by
 * length, then taken one per participant while any is left unquoted
 * (only so with one_per_participant), in turns over spread's values. */
GPtrArray *vb_quotes_choose (GPtrArray *segs, const char *code, const VbQuoteChoice *o);
/* The same choice made as segments arrive, in memory that does not grow
 * with their number: a picker keeps copies of the few segments that can
 * still be chosen (at most 2 n a spread value), so the input need not be
 * kept.  borrow: the segments outlive the picker, which keeps pointers to
 * them instead of copies. */
typedef struct _VbQuotePicker VbQuotePicker;
VbQuotePicker *vb_quote_picker_new (const char *code, const VbQuoteChoice *o, gboolean borrow);
void           vb_quote_picker_free (VbQuotePicker *p);
/* Offers seg, the next in stream order. */
void           vb_quote_picker_add (VbQuotePicker *p, const VbSegment *seg);
/* What vb_quotes_choose would return for the segments offered so far:
 * const VbSegment*, owned by p (as is the array) until the next call or
 * vb_quote_picker_free. */
GPtrArray     *vb_quote_picker_result (VbQuotePicker *p);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (VbQuotePicker, vb_quote_picker_free)
/* Words in s: runs of characters that are not white space. */
guint      vb_text_count_words (const char *s);

G_END_DECLS
