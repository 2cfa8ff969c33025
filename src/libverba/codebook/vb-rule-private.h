/* vb-rule-private.h: the syntax tree of a compiled rule, shared by the
 * parser (vb-rule-parse.c) and the matcher (vb-rule-match.c). */
#pragma once

#include <string.h>
#include <glib.h>
#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>
#include "codebook/vb-rule.h"

G_BEGIN_DECLS

typedef enum {
  VB_NODE_WORDS, /* one word, or a phrase of consecutive words */
  VB_NODE_REGEX,
  VB_NODE_NOT,   /* kids[0] */
  VB_NODE_AND,   /* kids[0..n_kids), n_kids >= 2 */
  VB_NODE_OR,    /* kids[0..n_kids), n_kids >= 2 */
  VB_NODE_NEAR,  /* kids[0] NEAR/near kids[1] */
  VB_NODE_BEFORE, /* kids[0] BEFORE/near kids[1]: kids[0]'s hit first */
  VB_NODE_EXCEPT, /* kids[0] EXCEPT/near kids[1]: kids[0]'s hits that no hit
                     of kids[1] governs (near 0: anywhere earlier in the clause) */
  VB_NODE_UNDER,  /* kids[0] UNDER/near kids[1]: kids[0]'s hits that a hit of
                     kids[1] governs, as EXCEPT judges it */
} VbNodeKind;

typedef struct {
  char    *norm;   /* normalised as vb_normalize does; never empty */
  gsize    len;    /* strlen (norm) */
  gboolean prefix; /* stem*: matches tokens that start with norm */
  guint    pat;    /* pattern number given by the codebook matcher
                      (vb-matcher.c); equal words share one */
} VbWord;

/* TRUE if a token whose normal form is norm is the word (or, for a stem,
 * starts with it). */
static inline gboolean
vb_word_matches (const VbWord *w, const char *norm)
{
  if (w->prefix)
    return strncmp (norm, w->norm, w->len) == 0;
  return norm[0] == w->norm[0] && strcmp (norm, w->norm) == 0;
}

/* A regex as PCRE2 compiled it, with the options GRegex gives it (UTF,
 * caseless unless c, any newline) and JIT code, shared by the copies of a
 * rule. */
typedef struct {
  gint        ref;
  pcre2_code *code;
} VbPcre;

typedef struct _VbNode VbNode;
struct _VbNode {
  VbNodeKind kind;

  /* VB_NODE_WORDS */
  VbWord  *words;
  guint    n_words;
  gboolean quoted;   /* written as "…" (printed quoted even for one word) */

  /* VB_NODE_REGEX */
  GRegex  *regex;
  VbPcre  *pcre;     /* the same pattern for matching, or NULL: match with regex */
  char    *source;   /* between the slashes, as written (\/ kept) */
  gboolean case_sensitive;
  char    *lit;      /* ASCII letters, digits and spaces every match
                        contains (caseless unless case_sensitive), or NULL */
  guint    lit_pat;  /* with lit: the number the codebook matcher gives "lit
                        may occur in the text" (vb-matcher.c), after the
                        word patterns; occ marks it as it marks a word */
  char   **alts;     /* without lit: ASCII letters, digits and spaces of
                        which every match contains one (a group of plain
                        alternatives, (?:lie|lies|lying)), or NULL */
  guint   *alt_pats; /* with alts: their numbers, as lit_pat */
  guint    n_alts;

  /* VB_NODE_NOT, VB_NODE_AND, VB_NODE_OR, VB_NODE_NEAR, VB_NODE_BEFORE,
   * VB_NODE_EXCEPT, VB_NODE_UNDER */
  VbNode **kids;
  guint    n_kids;
  guint    near;     /* the n of NEAR/n (>= 1), BEFORE/n (>= 1), EXCEPT/n, UNDER/n */
  gboolean neg;      /* VB_NODE_OR: the built-in cue list, written NEG */
  gboolean has_regex; /* a regex at or below it: evaluating it may fail */

  guint    need_pat; /* set by the codebook matcher (vb-matcher.c): a pattern
                        (a word's, or a regex literal's) without which the
                        node cannot hold over any range of a text, or
                        G_MAXUINT when there is no one such pattern */
};

/* pat (a regex as written) with the lookbehinds of one character class
 * among those it opens with moved first, or NULL if there is nothing to
 * move: the same matches, found sooner (vb-rule-parse.c). */
char *vb_regex_lookbehinds_first (const char *pat);

struct _VbRule {
  VbNode *root;
};

void vb_node_free (VbNode *node);

/* Where each word pattern occurs in one text, as the matcher's single scan
 * found it: pattern p occurs iff stamp[p] == gen, at the ascending token
 * indices pos[off[p]] .. pos[off[p] + cnt[p] - 1].  A regex literal's
 * number (VbNode.lit_pat, VbNode.alt_pats) is marked when the text may
 * hold the literal (it does, caselessly unless the regex is
 * case-sensitive, or a caseless literal meets a byte past ASCII, which
 * PCRE may fold to one), and has no positions. */
typedef struct {
  const guint *stamp;
  guint        gen;
  const guint *off;
  const guint *cnt;
  const guint *pos;
} VbOcc;

/* vb_rule_match_checked with the words looked up in occ instead of compared with
 * every token: the same result and spans, in the same order.  The words of
 * rule must carry the pattern numbers occ was built with. */
gboolean vb_rule_match_occ (const VbRule *rule, const VbText *t, const VbRange *range,
                            const VbOcc *occ, GArray *scratch, GArray *spans,
                            GError **error);
/* vb_rule_match_occ for a rule whose root is an OR (not NEG), evaluating
 * only its kids kids[0 .. n_kids) (ascending): the same result, spans and
 * error when the other kids hold nowhere in the text (the matcher knows
 * which kids their words woke up). */
gboolean vb_rule_match_occ_kids (const VbRule *rule, const VbText *t, const VbRange *range,
                                 const VbOcc *occ, const guint *kids, guint n_kids,
                                 GArray *scratch, GArray *spans, GError **error);
/* Scratch for vb_rule_match_occ, so a match allocates nothing.  The
 * scratch of vb_rule_match_occ and vb_rule_match_occ_kids must come from
 * here (or be NULL), and their spans must hold VbSpan: neither is checked
 * there. */
GArray  *vb_rule_hits_new (void);

G_END_DECLS
