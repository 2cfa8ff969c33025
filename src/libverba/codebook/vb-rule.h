/* vb-rule.h: the rule language of codebooks, compiled once, matched many
 * times.  Syntax (man/verba-codebook.5):
 *   word        a token equal to word after normalisation (openness ~ OPENNESS)
 *   stem*       a token starting with stem (transparen* ~ transparency)
 *   "a b* c"    consecutive tokens (each may be a stem*)
 *   /regex/     a GRegex over the text of the scope; flags after the
 *               closing slash: c = case-sensitive (default is caseless)
 *   A AND B, A OR B, NOT A, A NOT B (= A AND NOT B), A NEAR/n B, ( … )
 *   A BEFORE/n B  NEAR/n with A first
 *   A EXCEPT/n B  A's hits that no hit of B governs (ends at most n tokens
 *                 before, in the same clause; without /n: anywhere before
 *                 in the clause); A UNDER/n B: the hits it governs
 *   NEG           the built-in negation cues (not, no, never, n't, …)
 *   juxtaposition is OR:  openness transparen* "open book"
 * Precedence, tightest first: NOT, NEAR/n BEFORE/n EXCEPT UNDER (left to
 * right), AND, OR.  Keywords are upper case only; lower-case and/or/not/near
 * are ordinary words. */
#pragma once

#include <glib.h>
#include "base/vb-text.h"

G_BEGIN_DECLS

#define VB_RULE_MAX_DEPTH 64
/* A /regex/ gives up after this many backtracking steps in one search
 * (PCRE's match limit, set in the pattern as (*LIMIT_MATCH=N)): nested
 * quantifiers such as (a+)+b take exponential time on a long run of a's,
 * and one answer from a stranger must not stall a whole run.  The search
 * then fails with an error, never with a silent "no match".  SECURITY.md. */
#define VB_REGEX_MATCH_LIMIT 1000000

typedef struct {
  guint start, end;   /* code points into VbText.text, half-open */
} VbSpan;

typedef struct _VbRule VbRule;

/* Errors are VB_ERROR_RULE with a message that starts "column N: "
 * (1-based code point column within expr). */
VbRule  *vb_rule_compile (const char *expr, GError **error);
void     vb_rule_free (VbRule *rule);
/* The rule as vb_rule_compile made it, without compiling it again (its
 * regexes are shared): what copying a codebook costs is then a copy. */
VbRule  *vb_rule_copy (const VbRule *rule);
/* TRUE when the rule holds over range of t.  Spans of the positive terms
 * that made it hold are appended to spans (sorted, without duplicates);
 * a rule that holds only through NOT yields the whole range as its span. */
gboolean vb_rule_match (const VbRule *rule, const VbText *t,
                        const VbRange *range, GArray *spans);
/* The same, failing (FALSE, spans untouched, VB_ERROR_RULE) when a regex
 * of the rule reaches VB_REGEX_MATCH_LIMIT; vb_rule_match takes that for
 * "does not hold".  *error is only set on such a failure. */
gboolean vb_rule_match_checked (const VbRule *rule, const VbText *t,
                                const VbRange *range, GArray *spans, GError **error);
/* The expression as compiled, fully parenthesised: for tests and
 * `verba codebook show`. */
char    *vb_rule_to_string (const VbRule *rule);
/* TRUE when a term of the rule, wherever it stands (under NOT too), looks
 * for the word whose normal form is norm: a word or stem that matches it,
 * a phrase holding such a word, a regex that finds a match in it. */
gboolean vb_rule_uses_word (const VbRule *rule, const char *norm);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (VbRule, vb_rule_free)

G_END_DECLS
