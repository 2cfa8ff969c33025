/* vb-kwic.h: keywords in context, as quanteda's kwic: every place a
 * pattern holds in a segment, with the words before and after it.  The
 * pattern is a rule of the codebooks' language (vb-rule.h), so a word, a
 * stem* or a "phrase" tried here is the rule a code can then use, and each
 * span the rule reports is one hit. */
#pragma once

#include <glib.h>
#include "stream/vb-segment.h"

G_BEGIN_DECLS

typedef struct {
  guint  from, to;   /* token positions in the segment, 1-based, inclusive */
  char  *pre;        /* up to window tokens before, as written, on one line */
  char  *keyword;    /* the span's text */
  char  *post;       /* up to window tokens after */
} VbKwicHit;

typedef struct _VbKwic VbKwic;

/* Compiles pattern; a bad one is VB_ERROR_RULE ("column N: …"). */
VbKwic  *vb_kwic_new (const char *pattern, guint window, GError **error);
void     vb_kwic_free (VbKwic *k);
/* Appends seg's hits to hits (VbKwicHit, cleared by vb_kwic_hit_clear),
 * in text order.  FALSE when a regex of the pattern gives up (see
 * VB_REGEX_MATCH_LIMIT). */
gboolean vb_kwic_find (VbKwic *k, const VbSegment *seg, GArray *hits, GError **error);
void     vb_kwic_hit_clear (gpointer hit);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (VbKwic, vb_kwic_free)

G_END_DECLS
