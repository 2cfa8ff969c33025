/* vb-matcher.h: a codebook's words, stems and phrases compiled into one
 * structure that a text is scanned through once, so that coding costs what
 * the text costs and not what the number of rules costs.
 *
 * The matcher (shared, read-only once built, so threads may share it) holds
 * every distinct word pattern of the codebook's rules, the exact words and
 * the stems, in one byte trie.  Scanning a text looks each token
 * up once in it and records where every pattern occurs; a rule is then
 * evaluated only when the scan found one of the patterns it cannot hold
 * without (rules that can hold through NOT or a regex alone are always
 * evaluated), and its words are found through the recorded occurrences. */
#pragma once

#include <glib.h>
#include "codebook/vb-codebook.h"
#include "base/vb-text.h"

G_BEGIN_DECLS

typedef struct _VbMatcher VbMatcher;
typedef struct _VbMatchState VbMatchState;

/* Numbers the word patterns of cb's rules (written into the compiled rules,
 * the same numbers every time for the same codebook). */
VbMatcher    *vb_matcher_new (const VbCodebook *cb);
VbMatcher    *vb_matcher_ref (VbMatcher *m);
void          vb_matcher_unref (VbMatcher *m);
/* Rules are numbered across the codebook in order: code by code, each
 * code's rules in order. */
guint             vb_matcher_n_rules (const VbMatcher *m);
/* Word patterns are numbered 0 .. vb_matcher_n_patterns () - 1 (VbWord.pat). */
guint             vb_matcher_n_patterns (const VbMatcher *m);
guint             vb_matcher_rule_code (const VbMatcher *m, guint rule);
const VbCodeRule *vb_matcher_rule (const VbMatcher *m, guint rule);

/* The patterns the normal form of one token (len bytes, NUL after them)
 * matches, its stems from the shortest, then the exact word, written to
 * pats, which has room for vb_matcher_lookup_room (m) of them; returns
 * how many. */
guint             vb_matcher_lookup_room (const VbMatcher *m);
guint             vb_matcher_lookup (const VbMatcher *m, const char *norm, gsize len,
                                     guint *pats);

/* Scratch for one thread. */
VbMatchState *vb_match_state_new (VbMatcher *m);
void          vb_match_state_free (VbMatchState *st);
/* Scans t; afterwards vb_match_state_rules lists, ascending, the rules that
 * may hold somewhere in t, and vb_match_state_rule matches one of them over
 * a range of t (as vb_rule_match_checked does, with the same result, spans
 * and error). */
void          vb_match_state_scan (VbMatchState *st, const VbText *t);
const guint  *vb_match_state_rules (const VbMatchState *st, guint *n);
gboolean      vb_match_state_rule (const VbMatchState *st, guint rule, const VbRange *range,
                                   GArray *spans, GError **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (VbMatcher, vb_matcher_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (VbMatchState, vb_match_state_free)

G_END_DECLS
