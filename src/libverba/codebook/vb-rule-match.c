/* vb-rule-match.c: evaluating a compiled rule over a range of a text.
 *
 * Each node says whether it holds over the range and, when asked, appends
 * its hits (the spans that make it hold) to one array shared by the whole
 * evaluation:
 *   words   a token equal to the word, or starting with the stem; for a
 *           phrase, consecutive tokens; every occurrence is a hit
 *   regex   every non-empty match over the bytes of the range (^ and $
 *           anchor at the range's ends); it covers the tokens it overlaps,
 *           possibly none
 *   OR      any kid holds; the hits of the kids that hold
 *   AND     every kid holds; the hits of all kids
 *   NOT     the kid does not hold; no hits
 *   NEAR/n  a hit of the left and one of the right are at most n tokens
 *           apart; the hits that are part of such a pair.  Distance is the
 *           difference of the indices of their nearest tokens (adjacent
 *           tokens are 1 apart, overlapping hits 0).  A kid that holds
 *           without hits (NOT x) or a regex match that covers no token
 *           (only punctuation) has nothing to be near.
 *   BEFORE/n  as NEAR/n, with the left hit ending before the right one
 *           starts.
 *   EXCEPT/n  the left kid's hits that no hit of the right kid governs:
 *           none ends at most n tokens before the hit starts in the same
 *           clause (vb_text_clause_starts); EXCEPT without n reaches back
 *           to the start of the clause.  Holds if a hit is left; the right
 *           kid's hits are never the rule's.
 *   UNDER/n   the left kid's hits that a hit of the right kid governs, as
 *           EXCEPT/n judges it (the complement of EXCEPT/n), with the hits
 *           that govern them.
 *   NEG     the built-in negation cues (an OR of words), without "not"
 *           right before only, just, merely or least ("not only") and
 *           without a "no" that punctuation follows ("No, I disagree").
 * A node that does not hold, or was not asked for hits, leaves the array as
 * it found it.  The words are compared with the normalised forms stored in
 * the tokens, so nothing is allocated per token. */
#include "codebook/vb-rule-private.h"
#include "base/vb-error.h"

#include <stdlib.h>
#include <string.h>

typedef struct {
  guint    tfrom, tto; /* tokens covered, half-open; tfrom == tto: none */
  guint    start, end; /* code points into the text, half-open */
  gboolean keep;       /* scratch for NEAR */
} Hit;

typedef struct {
  const VbText  *t;
  const VbRange *r;
  const VbToken *tok;
  const VbOcc   *occ;  /* NULL: compare the words with every token */
  /* The hits h[0, n): h is the data of hits, made on first use, whose
   * length is the room (cap), not the number of hits, so that a hit is
   * added without a call and a scratch array keeps its room from one
   * evaluation to the next. */
  GArray        *hits;
  Hit           *h;
  guint          n, cap;
  GError        *error; /* the first regex that gave up */
} Ctx;

static gboolean eval (Ctx *c, const VbNode *node, gboolean want);

/* TRUE when the matcher's scan did not find a word of node (a word or a
 * phrase), or the pattern it cannot hold without (VbNode.need_pat): it
 * holds nowhere in the text, and adds no hits.  Checked before the call,
 * as most kids of the codebooks' long OR lists are absent from any one
 * text and the call cost more than the answer. */
static inline gboolean
surely_absent (const Ctx *c, const VbNode *node)
{
  if (c->occ == NULL)
    return FALSE;
  /* A phrase's need is its longest word, the likeliest to be missing:
   * looked at first. */
  if (node->need_pat != G_MAXUINT && c->occ->stamp[node->need_pat] != c->occ->gen)
    return TRUE;
  if (node->kind != VB_NODE_WORDS || node->n_words == 1)
    return FALSE;
  for (guint i = 0; i < node->n_words; i++)
    if (c->occ->stamp[node->words[i].pat] != c->occ->gen)
      return TRUE;
  return FALSE;
}

static inline guint
n_hits (const Ctx *c)
{
  return c->n;
}

/* Only ever shortens. */
static inline void
truncate_hits (Ctx *c, guint len)
{
  if (len < c->n)
    c->n = len;
}

static G_GNUC_NO_INLINE void
grow_hits (Ctx *c)
{
  if (c->hits == NULL)
    c->hits = g_array_sized_new (FALSE, FALSE, sizeof (Hit), 16);
  g_array_set_size (c->hits, MAX (16, 2 * c->hits->len));
  c->h = (Hit *) (void *) c->hits->data;
  c->cap = c->hits->len;
}

static inline void
push_hit (Ctx *c, guint tfrom, guint tto, guint start, guint end)
{
  if (G_UNLIKELY (c->n == c->cap))
    grow_hits (c);
  c->h[c->n++] = (Hit) { tfrom, tto, start, end, FALSE };
}

/* The first word's occurrences found by the matcher's scan stand for the
 * loop over every token: only there can the words start to match. */
/* TRUE if the phrase's words from the j-th on follow at token i + j. */
static gboolean
phrase_at (const VbNode *node, const VbToken *tok, guint i, guint j)
{
  while (j < node->n_words && vb_word_matches (&node->words[j], tok[i + j].norm))
    j++;
  return j == node->n_words;
}

static gboolean
eval_words_occ (Ctx *c, const VbNode *node, gboolean want)
{
  const VbOcc *occ = c->occ;
  guint p = node->words[0].pat;
  if (occ->stamp[p] != occ->gen)
    return FALSE;
  const VbToken *tok = c->tok;
  const guint *pos = occ->pos + occ->off[p];
  guint npos = occ->cnt[p];
  guint n = node->n_words;
  guint from = c->r->tok_from, to = c->r->tok_to;
  gboolean found = FALSE;

  guint lo = 0, hi = npos;
  while (from > 0 && lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;
      if (pos[mid] < from)
        lo = mid + 1;
      else
        hi = mid;
    }
  if (n == 1)
    {
      /* A word: its occurrences in the range are its hits. */
      if (!want)
        return lo < npos && pos[lo] < to;
      for (guint k = lo; k < npos && pos[k] < to; k++)
        push_hit (c, pos[k], pos[k] + 1, tok[pos[k]].start, tok[pos[k]].end);
      return lo < npos && pos[lo] < to;
    }
  for (guint k = lo; k < npos && pos[k] < to && to - pos[k] >= n; k++)
    {
      guint i = pos[k];
      if (!phrase_at (node, tok, i, 1))
        continue;
      if (!want)
        return TRUE;
      found = TRUE;
      push_hit (c, i, i + n, tok[i].start, tok[i + n - 1].end);
    }
  return found;
}

static gboolean
eval_words (Ctx *c, const VbNode *node, gboolean want)
{
  if (c->occ != NULL)
    return eval_words_occ (c, node, want);
  const VbToken *tok = c->tok;
  guint n = node->n_words;
  gboolean found = FALSE;

  for (guint i = c->r->tok_from; i < c->r->tok_to && c->r->tok_to - i >= n; i++)
    {
      if (!phrase_at (node, tok, i, 0))
        continue;
      if (!want)
        return TRUE;
      found = TRUE;
      push_hit (c, i, i + n, tok[i].start, tok[i + n - 1].end);
    }
  return found;
}

/* FALSE when s[0, n) surely does not contain lit (as the regex would
 * compare it); TRUE when it does or may.  Caseless comparison is only sure
 * on ASCII: PCRE also folds characters such as U+212A KELVIN SIGN to k. */
static inline guchar
lower (guchar b)
{
  return b >= 'A' && b <= 'Z' ? (guchar) (b + ('a' - 'A')) : b;
}

#define ONES  G_GUINT64_CONSTANT (0x0101010101010101)
#define HIGHS G_GUINT64_CONSTANT (0x8080808080808080)

/* Some byte of x is zero. */
static inline gboolean
has_zero (guint64 x)
{
  return ((x - ONES) & ~x & HIGHS) != 0;
}

static gboolean
may_contain (const char *s, gsize n, const char *lit, gboolean case_sensitive)
{
  gsize m = strlen (lit);
  if (case_sensitive)
    return memmem (s, n, lit, m) != NULL;
  guchar first = lower ((guchar) lit[0]);
  guchar upper = first >= 'a' && first <= 'z' ? (guchar) (first - ('a' - 'A')) : first;
  guint64 lo8 = ONES * first, up8 = ONES * upper;
  gsize i = 0;
  for (;;)
    {
      /* Eight bytes at a time past those that are ASCII and are not the
       * literal's first byte in either case: this runs for every regex on
       * every text, and most texts hold none of the literals. */
      for (; i + 8 <= n; i += 8)
        {
          guint64 x;
          memcpy (&x, s + i, 8);
          if ((x & HIGHS) || has_zero (x ^ lo8) || has_zero (x ^ up8))
            break;
        }
      if (i >= n)
        return FALSE;
      for (gsize stop = MIN (i + 8, n); i < stop; i++)
        {
          guchar b = (guchar) s[i];
          if (b >= 0x80)
            return TRUE;
          if (lower (b) != first || n - i < m)
            continue;
          gsize j = 1;
          while (j < m && lower ((guchar) s[i + j]) == lower ((guchar) lit[j]))
            j++;
          if (j == m)
            return TRUE;
        }
    }
}

/* FALSE when no match of node (a regex) can be in s[0, n): it lacks the
 * literal, or every alternative; TRUE when one may be there. */
static gboolean
lit_may (const VbNode *node, const char *s, gsize n)
{
  if (node->lit != NULL)
    return may_contain (s, n, node->lit, node->case_sensitive);
  for (guint i = 0; i < node->n_alts; i++)
    if (may_contain (s, n, node->alts[i], node->case_sensitive))
      return TRUE;
  return node->alts == NULL;
}

/* FALSE when the scan found node's literal (or an alternative) nowhere in
 * the text. */
static gboolean
lit_marked (const Ctx *c, const VbNode *node)
{
  if (node->lit != NULL)
    return c->occ->stamp[node->lit_pat] == c->occ->gen;
  for (guint i = 0; i < node->n_alts; i++)
    if (c->occ->stamp[node->alt_pats[i]] == c->occ->gen)
      return TRUE;
  return node->alts == NULL;
}

static gboolean eval_regex_glib (Ctx *c, const VbNode *node, gboolean want, gboolean gated);

/* The hit of a match at bytes [bs, be) of the text: the tokens of the
 * range it overlaps. */
static void
push_match (Ctx *c, gsize bs, gsize be)
{
  const VbRange *r = c->r;
  const VbToken *tok = c->tok;
  guint lo = r->tok_from, hi = r->tok_to;
  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;
      if (tok[mid].bend <= bs)
        lo = mid + 1;
      else
        hi = mid;
    }
  guint tto = lo;
  while (tto < r->tok_to && tok[tto].bstart < be)
    tto++;
  push_hit (c, lo, tto, vb_text_cp_at (c->t, bs), vb_text_cp_at (c->t, be));
}

static void
free_match_data (gpointer md)
{
  pcre2_match_data_free (md);
}

/* One match data a thread: GRegex made (and freed) a GMatchInfo with its
 * own match data and context for every search, a fifth of the cost of the
 * searches. */
static GPrivate match_data = G_PRIVATE_INIT (free_match_data);

static gboolean
eval_regex (Ctx *c, const VbNode *node, gboolean want)
{
  const VbRange *r = c->r;

  /* The scan marked the literal if the text has it: a range of the text
   * that is not all of it may still lack it. */
  gboolean gated = c->occ != NULL && (node->lit != NULL || node->alts != NULL);
  if (gated
      && (!lit_marked (c, node)
          || ((r->byte_start > 0 || r->byte_end < c->t->len)
              && !lit_may (node, c->t->text + r->byte_start, r->byte_end - r->byte_start))))
    return FALSE;
  if (node->pcre == NULL)
    return eval_regex_glib (c, node, want, gated);

  /* The searches g_regex_match_full and g_match_info_next make, with the
   * same code (pcre2_jit_match, as GLib calls it) and options.  Any
   * failure (the backtracking limit, say) is left to the GRegex path, which
   * meets it again and reports it as before. */
  pcre2_match_data *md = g_private_get (&match_data);
  if (md == NULL)
    {
      md = pcre2_match_data_create (1, NULL);
      g_private_set (&match_data, md);
    }
  const char *subject = c->t->text + r->byte_start;
  gsize len = r->byte_end - r->byte_start;
  guint base = n_hits (c);
  gboolean found = FALSE;
  for (PCRE2_SIZE at = 0;;)
    {
      int rc = pcre2_jit_match (node->pcre->code, (PCRE2_SPTR) subject, len, at,
                                PCRE2_NOTEMPTY, md, NULL);
      if (rc == PCRE2_ERROR_NOMATCH)
        break;
      if (rc < 0)
        {
          truncate_hits (c, base);
          return eval_regex_glib (c, node, want, gated);
        }
      const PCRE2_SIZE *ov = pcre2_get_ovector_pointer (md);
      gsize s = ov[0], e = ov[1];
      if (e > s)
        {
          found = TRUE;
          if (!want)
            break;
          push_match (c, r->byte_start + s, r->byte_start + e);
          /* As in eval_regex_glib. */
          if (gated && !lit_may (node, subject + e, len - e))
            break;
        }
      if (e == s)
        break; /* not met with NOTEMPTY; an empty match would not move on */
      at = e;
    }
  return found;
}

/* eval_regex through GRegex: for a regex without JIT code, and for a
 * search that failed. */
static gboolean
eval_regex_glib (Ctx *c, const VbNode *node, gboolean want, gboolean gated)
{
  const VbRange *r = c->r;
  GMatchInfo *mi = NULL;
  gboolean found = FALSE;
  GError *err = NULL;
  g_regex_match_full (node->regex, c->t->text + r->byte_start,
                      (gssize) (r->byte_end - r->byte_start), 0,
                      G_REGEX_MATCH_NOTEMPTY, &mi, &err);
  while (err == NULL && g_match_info_matches (mi))
    {
      gint s, e;
      g_match_info_fetch_pos (mi, 0, &s, &e);
      if (e > s)
        {
          found = TRUE;
          if (!want)
            break;
          gsize bs = r->byte_start + (gsize) s, be = r->byte_start + (gsize) e;
          push_match (c, bs, be);
          /* The next match lies past this one and holds the literal too:
           * where the rest of the range lacks it, there is none to look
           * for.  A search after a match costs as much as the first (the
           * codebooks' regexes open with lookbehinds tried at every
           * byte), and most texts say the word once. */
          if (gated && !lit_may (node, c->t->text + be, r->byte_end - be))
            break;
        }
      g_match_info_next (mi, &err);
    }
  g_match_info_free (mi);
  if (err != NULL)
    {
      /* PCRE's own message for VB_REGEX_MATCH_LIMIT only says
       * "backtracking limit reached" (GLib's text, translated as GLib
       * translates it); any other failure ((*NO_JIT) in the pattern,
       * say) is reported as GRegex gives it. */
      if (c->error == NULL
          && g_str_has_suffix (err->message, g_dgettext ("glib20", "backtracking limit reached")))
        g_set_error (&c->error, VB_ERROR, VB_ERROR_RULE,
                     "regex /%s/ gave up after %d backtracking steps (VB_REGEX_MATCH_LIMIT; "
                     "nested quantifiers such as (a+)+ backtrack without end)",
                     node->source, VB_REGEX_MATCH_LIMIT);
      else if (c->error == NULL)
        g_set_error (&c->error, VB_ERROR, VB_ERROR_RULE, "regex /%s/ failed: %s", node->source,
                     err->message);
      g_error_free (err);
      return FALSE;
    }
  return found;
}

static inline guint
distance (const Hit *a, const Hit *b)
{
  if (a->tfrom < b->tto && b->tfrom < a->tto)
    return 0;
  if (a->tto <= b->tfrom)
    return b->tfrom - a->tto + 1;
  return a->tfrom - b->tto + 1;
}

/* TRUE if the pair (a, b) counts for node: NEAR in either order,
 * BEFORE with a first. */
static inline gboolean
pair_counts (const VbNode *node, const Hit *a, const Hit *b)
{
  if (node->kind == VB_NODE_BEFORE && a->tto > b->tfrom)
    return FALSE;
  return distance (a, b) <= node->near;
}

static gboolean
eval_near (Ctx *c, const VbNode *node, gboolean want)
{
  guint base = n_hits (c);
  if (!eval (c, node->kids[0], TRUE))
    return FALSE;
  guint mid = n_hits (c);
  if (!eval (c, node->kids[1], TRUE))
    {
      truncate_hits (c, base);
      return FALSE;
    }
  guint end = n_hits (c);
  Hit *h = c->h;
  gboolean found = FALSE;

  for (guint i = base; i < mid; i++)
    {
      if (h[i].tfrom == h[i].tto)
        continue;
      for (guint j = mid; j < end; j++)
        {
          if (h[j].tfrom == h[j].tto || !pair_counts (node, &h[i], &h[j]))
            continue;
          found = TRUE;
          if (!want)
            goto done;
          h[i].keep = h[j].keep = TRUE;
        }
    }

done:
  if (!want || !found)
    {
      truncate_hits (c, base);
      return found;
    }
  guint w = base;
  for (guint i = base; i < end; i++)
    if (h[i].keep)
      {
        h[w] = h[i];
        h[w].keep = FALSE;
        w++;
      }
  truncate_hits (c, w);
  return TRUE;
}

/* TRUE if only white space stands between token t and the next token. */
static gboolean
space_after (const Ctx *c, guint t)
{
  if (t + 1 >= c->t->tokens->len)
    return FALSE;
  for (gsize b = c->tok[t].bend; b < c->tok[t + 1].bstart; b++)
    if (!g_ascii_isspace (c->t->text[b]))
      return FALSE;
  return TRUE;
}

/* NEG: the cues' hits, less a "not" that only qualifies what follows
 * ("not only", "not just"). */
static gboolean
eval_neg (Ctx *c, const VbNode *node, gboolean want)
{
  guint base = n_hits (c);
  for (guint i = 0; i < node->n_kids; i++)
    if (!surely_absent (c, node->kids[i]))
      eval (c, node->kids[i], TRUE);
  guint end = n_hits (c);
  Hit *h = c->h;
  const VbToken *tok = c->tok;
  guint w = base;
  for (guint i = base; i < end; i++)
    {
      guint t = h[i].tfrom;
      if (h[i].tto == t + 1 && strcmp (tok[t].norm, "not") == 0 && t + 1 < c->r->tok_to)
        {
          const char *next = tok[t + 1].norm;
          if (strcmp (next, "only") == 0 || strcmp (next, "just") == 0
              || strcmp (next, "merely") == 0 || strcmp (next, "least") == 0)
            continue;
        }
      /* "No, I disagree": an answer, not a negation of what follows. */
      if (h[i].tto == t + 1 && strcmp (tok[t].norm, "no") == 0 && !space_after (c, t))
        continue;
      h[w++] = h[i];
    }
  gboolean found = w > base;
  truncate_hits (c, want && found ? w : base);
  return found;
}

/* TRUE if cue (ending before hit starts) governs hit: close enough and
 * in its clause. */
static gboolean
governs (const Ctx *c, const VbNode *node, const Hit *cue, const Hit *hit)
{
  if (cue->tfrom == cue->tto || cue->tto > hit->tfrom)
    return FALSE;
  if (node->near > 0 && hit->tfrom - cue->tto + 1 > node->near)
    return FALSE;
  for (guint k = cue->tto; k <= hit->tfrom; k++)
    if (k > 0 && k < c->t->tokens->len && vb_text_clause_starts (c->t, k))
      return FALSE;
  return TRUE;
}

static gboolean
eval_except (Ctx *c, const VbNode *node, gboolean want)
{
  gboolean under = node->kind == VB_NODE_UNDER;
  guint base = n_hits (c);
  if (!eval (c, node->kids[0], TRUE))
    return FALSE;
  guint mid = n_hits (c);
  eval (c, node->kids[1], TRUE);
  guint end = n_hits (c);
  Hit *h = c->h;
  gboolean found = FALSE;
  for (guint i = base; i < mid; i++)
    {
      if (h[i].tfrom == h[i].tto)
        continue;
      gboolean governed = FALSE;
      for (guint j = mid; j < end; j++)
        if (governs (c, node, &h[j], &h[i]))
          {
            governed = TRUE;
            if (!under)
              break;
            h[j].keep = TRUE; /* UNDER codes the cue with what it governs */
          }
      if (governed == under)
        h[i].keep = found = TRUE;
    }
  guint w = base;
  for (guint i = base; i < end; i++)
    if (h[i].keep)
      {
        h[w] = h[i];
        h[w].keep = FALSE;
        w++;
      }
  truncate_hits (c, want && found ? w : base);
  return found;
}

static gboolean
eval (Ctx *c, const VbNode *node, gboolean want)
{
  switch (node->kind)
    {
    case VB_NODE_WORDS:
      return eval_words (c, node, want);
    case VB_NODE_REGEX:
      return eval_regex (c, node, want);
    case VB_NODE_NOT:
      return !eval (c, node->kids[0], FALSE);
    case VB_NODE_AND:
      {
        /* Every kid is looked up before any is evaluated, the last may be
         * the one that is missing; unless one holds a regex, whose failure
         * (VB_REGEX_MATCH_LIMIT) the rule meets when it comes first. */
        if (!node->has_regex)
          for (guint i = 0; i < node->n_kids; i++)
            if (surely_absent (c, node->kids[i]))
              return FALSE;
        guint base = n_hits (c);
        for (guint i = 0; i < node->n_kids; i++)
          if ((node->has_regex && surely_absent (c, node->kids[i]))
              || !eval (c, node->kids[i], want))
            {
              truncate_hits (c, base);
              return FALSE;
            }
        return TRUE;
      }
    case VB_NODE_OR:
      if (node->neg)
        return eval_neg (c, node, want);
      {
        gboolean found = FALSE;
        for (guint i = 0; i < node->n_kids; i++)
          if (!surely_absent (c, node->kids[i]) && eval (c, node->kids[i], want))
            {
              found = TRUE;
              if (!want)
                break;
            }
        return found;
      }
    case VB_NODE_NEAR:
    case VB_NODE_BEFORE:
      return eval_near (c, node, want);
    case VB_NODE_EXCEPT:
    case VB_NODE_UNDER:
      return eval_except (c, node, want);
    }
  g_return_val_if_reached (FALSE);
}

static gint
hit_cmp (gconstpointer a, gconstpointer b)
{
  const Hit *x = a, *y = b;
  if (x->start != y->start)
    return x->start < y->start ? -1 : 1;
  if (x->end != y->end)
    return x->end < y->end ? -1 : 1;
  return 0;
}

static inline gboolean
hit_before (const Hit *x, const Hit *y)
{
  return x->start < y->start || (x->start == y->start && x->end < y->end);
}

/* Hits by start, then end.  A rule has a few hits a text: sorting them in
 * place costs less than the call to a general sort; only start and end
 * are kept, so the order of equal hits does not matter. */
static void
sort_hits (Hit *h, guint n)
{
  if (n > 32)
    {
      qsort (h, n, sizeof (Hit), hit_cmp);
      return;
    }
  for (guint i = 1; i < n; i++)
    {
      Hit x = h[i];
      guint j = i;
      for (; j > 0 && hit_before (&x, &h[j - 1]); j--)
        h[j] = h[j - 1];
      h[j] = x;
    }
}

/* The root OR over some of its kids only (vb_rule_match_occ_kids). */
static gboolean
eval_kids (Ctx *c, const VbNode *node, const guint *kids, guint n_kids, gboolean want)
{
  gboolean found = FALSE;
  for (guint i = 0; i < n_kids; i++)
    if (!surely_absent (c, node->kids[kids[i]]) && eval (c, node->kids[kids[i]], want))
      {
        found = TRUE;
        if (!want)
          break;
      }
  return found;
}

/* kids: NULL to evaluate the whole rule, else the kids of its root OR to
 * evaluate (n_kids of them).  The callers have checked the arguments
 * (check_args). */
static gboolean
match (const VbRule *rule, const VbText *t, const VbRange *range, const VbOcc *occ,
       const guint *kids, guint n_kids, GArray *scratch, GArray *spans, GError **error)
{
  Ctx c = { t, range, (const VbToken *) (void *) t->tokens->data, occ, scratch,
            scratch != NULL ? (Hit *) (void *) scratch->data : NULL,
            0, scratch != NULL ? scratch->len : 0, NULL };
  gboolean holds = kids != NULL ? eval_kids (&c, rule->root, kids, n_kids, spans != NULL)
                                : eval (&c, rule->root, spans != NULL);
  if (c.error != NULL)
    {
      g_propagate_error (error, c.error);
      holds = FALSE;
    }

  if (holds && spans != NULL)
    {
      if (n_hits (&c) == 0)
        {
          VbSpan all = { vb_text_cp_at (t, range->byte_start),
                         vb_text_cp_at (t, range->byte_end) };
          g_array_append_val (spans, all);
        }
      else
        {
          Hit *h = c.h;
          sort_hits (h, c.n);
          /* Room for all, one call; the length is then cut to the spans
           * written. */
          guint at = spans->len;
          g_array_set_size (spans, at + c.n);
          VbSpan *out = (VbSpan *) (void *) spans->data;
          for (guint i = 0; i < c.n; i++)
            {
              if (i > 0 && h[i - 1].start == h[i].start && h[i - 1].end == h[i].end)
                continue;
              out[at++] = (VbSpan) { h[i].start, h[i].end };
            }
          spans->len = at;
        }
    }
  if (c.hits != NULL && c.hits != scratch)
    g_array_unref (c.hits);
  return holds;
}

static inline gboolean
check_args (const VbRule *rule, const VbText *t, const VbRange *range)
{
  g_return_val_if_fail (rule != NULL && t != NULL && range != NULL, FALSE);
  g_return_val_if_fail (range->tok_from <= range->tok_to
                        && range->tok_to <= t->tokens->len, FALSE);
  g_return_val_if_fail (range->byte_start <= range->byte_end
                        && range->byte_end <= t->len, FALSE);
  return TRUE;
}

gboolean
vb_rule_match (const VbRule *rule, const VbText *t, const VbRange *range,
               GArray *spans)
{
  if (!check_args (rule, t, range))
    return FALSE;
  g_return_val_if_fail (spans == NULL
                        || g_array_get_element_size (spans) == sizeof (VbSpan), FALSE);
  return match (rule, t, range, NULL, NULL, 0, NULL, spans, NULL);
}

gboolean
vb_rule_match_checked (const VbRule *rule, const VbText *t, const VbRange *range,
                       GArray *spans, GError **error)
{
  if (!check_args (rule, t, range))
    return FALSE;
  g_return_val_if_fail (spans == NULL
                        || g_array_get_element_size (spans) == sizeof (VbSpan), FALSE);
  return match (rule, t, range, NULL, NULL, 0, NULL, spans, error);
}

/* The two below run for every rule a text wakes up: the element sizes of
 * scratch and spans are not checked there (a call each into GLib), as
 * their one caller, the matcher, makes both arrays itself, and
 * vb_rule_match_occ_kids, called for most of them, leaves the range
 * unchecked too: the matcher takes it from the text. */
gboolean
vb_rule_match_occ (const VbRule *rule, const VbText *t, const VbRange *range,
                   const VbOcc *occ, GArray *scratch, GArray *spans, GError **error)
{
  g_return_val_if_fail (occ != NULL, FALSE);
  if (!check_args (rule, t, range))
    return FALSE;
  return match (rule, t, range, occ, NULL, 0, scratch, spans, error);
}

gboolean
vb_rule_match_occ_kids (const VbRule *rule, const VbText *t, const VbRange *range,
                        const VbOcc *occ, const guint *kids, guint n_kids, GArray *scratch,
                        GArray *spans, GError **error)
{
  g_return_val_if_fail (occ != NULL && kids != NULL, FALSE);
  g_return_val_if_fail (rule->root->kind == VB_NODE_OR && !rule->root->neg, FALSE);
  return match (rule, t, range, occ, kids, n_kids, scratch, spans, error);
}

GArray *
vb_rule_hits_new (void)
{
  /* Its length is the room the evaluations use (Ctx.h). */
  GArray *a = g_array_sized_new (FALSE, FALSE, sizeof (Hit), 16);
  g_array_set_size (a, 16);
  return a;
}
