/* vb-text.h: tokens, sentences and normalisation, computed once per text
 * and shared by every rule that looks at it. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Bytes readable after the start of any token's norm (past its NUL, they
 * hold other norms or nothing that means anything), so that a reader may
 * load a short norm whole and mask off what is not its own. */
#define VB_TEXT_NORM_SLACK 16

typedef struct {
  gsize  bstart, bend;   /* bytes into the text, half-open */
  guint  start, end;     /* code points into the text, half-open */
  char  *norm;           /* normalised form (see vb_normalize) */
  gsize  norm_len;       /* strlen (norm) */
} VbToken;

typedef struct {
  guint tok_from, tok_to;     /* token indices, half-open */
  gsize byte_start, byte_end; /* bytes into the text, half-open */
} VbRange;

typedef struct {
  const char *text;   /* UTF-8, not owned: must outlive the VbText */
  gsize       len;
  GArray     *tokens;    /* VbToken */
  GArray     *sentences; /* VbRange covering the text in order */
  guint       n_cp;      /* code points in the text (as g_utf8_strlen counts) */
} VbText;

/* Case and Unicode normalisation of a word: NFKD, combining marks dropped,
 * case-folded, recomposed (NFC); typographic apostrophes become '.
 * ASCII input takes a fast path with the same result. */
char   *vb_normalize (const char *word, gssize len);

VbText *vb_text_new (const char *text, gssize len);
/* The same without the ASCII fast paths: every byte decoded and
 * classified as Unicode, every token normalised by the Unicode path
 * (NFKD, case folding, NFC); for tests that compare the two. */
VbText *vb_text_new_reference (const char *text, gssize len);
/* Makes t the tokens and sentences of another text, reusing its memory;
 * pointers into the former tokens become invalid. */
void    vb_text_set (VbText *t, const char *text, gssize len);
/* The same without looking for sentence breaks: the whole text is one
 * sentence.  For callers that only need the tokens (verba code's direct
 * lane: one-word rules find the same words in a sentence as in the text). */
void    vb_text_set_tokens (VbText *t, const char *text, gssize len);
void    vb_text_free (VbText *t);
/* The range covering the whole text. */
VbRange vb_text_whole (const VbText *t);
/* Clauses, for the clause scope of codebooks and the reach of EXCEPT: a
 * sentence is cut before a token when ';' or ':' stands between it and the
 * token before, and before the words but, however, although, whereas,
 * though and yet ("yet" not right after not, never or a word ending in
 * n't: "not yet" negates).  TRUE if a clause or a sentence starts at token
 * k (0 < k < number of tokens). */
gboolean vb_text_clause_starts (const VbText *t, guint k);
/* The clauses of t in order, as ranges appended to out (VbRange). */
void    vb_text_clauses (const VbText *t, GArray *out);
/* Code point offset of byte offset b in t (b must be on a character boundary). */
guint   vb_text_cp_at (const VbText *t, gsize b);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (VbText, vb_text_free)

G_END_DECLS
