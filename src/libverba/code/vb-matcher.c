/* vb-matcher.c: see vb-matcher.h.
 *
 * Which rules a scan wakes up.  need(node) is a set of patterns such that
 * the node cannot hold over a range unless one of them occurs in it, or
 * "anything" when there is no such set:
 *   words     the pattern of one of its words (a phrase holds only where
 *             all of them occur): the longest, which is the likeliest to
 *             be rare ("the truth" wakes on "truth", not on every "the")
 *   regex     the pattern "its literal may occur" when it has one (see
 *             VbNode.lit), numbered after the words and marked by the scan
 *             when the text holds the literal, or those of its literal
 *             alternatives (VbNode.alts); else anything
 *   NOT       anything
 *   AND       the smallest need of its kids that is not "anything"
 *   OR        the union of its kids' needs ("anything" if one is)
 *   NEAR      as AND over its two kids: both need hits; BEFORE too
 *   EXCEPT    its left kid's need: the right kid only takes hits away
 *   UNDER     as AND: both kids need hits
 * A rule is woken up by any pattern of need(root); a rule whose need is
 * "anything" is evaluated on every text.  A rule whose root is an OR (a
 * list of terms, as most rules are) is woken up kid by kid: a pattern
 * wakes the kids it is the need of, and only those (with the kids whose
 * need is "anything") are evaluated, as the others hold nowhere in the
 * text; a list of forty terms then costs what its one or two found
 * terms cost.  A phrase kid is woken only if the text also has its other
 * words (as the rule's evaluation would check first), and over a sentence
 * only the kids whose need occurs in it are evaluated (occurs_in).
 * Sentence ranges are subsets of the text, so a rule not woken up over
 * the text holds over none of them. */
#include "code/vb-matcher.h"
#include "codebook/vb-rule-private.h"

#include <stdlib.h>
#include <string.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

/* While building: a byte trie over the words and stems, children sorted
 * by byte. */
typedef struct {
  guchar *keys;
  guint  *kids;
  guint   n;
  gint    stem, word; /* the stem and the exact word ending here, or -1 */
} TrieNode;

/* Scanning: the same trie as a double array.  State s's child on a byte of
 * class c is t = base(s) + c if check(t) is s.  The classes number the
 * bytes the patterns hold from 1 (0: any other byte, on which no state has
 * a child), so a step costs a look-up, an add and a compare where a sorted
 * list of keys cost a compare a key; and as the exact words are in the
 * trie with the stems, a token walks once, as far as it shares a prefix
 * with some pattern, instead of walking and then being hashed. */
typedef struct {
  guint32 base;  /* bit 31 (DA_ENDS): a pattern ends here (VbMatcher.ends) */
  guint32 check; /* the parent; DA_FREE: no state */
} DaCell;

typedef struct {
  gint stem, word; /* the stem and the exact word ending at a state, or -1 */
} DaEnds;

/* A keyword list without stems also has its words in a hash table: most
 * tokens are turned away by first_len, and hashing one that is not
 * costs less time than walking it (the walk's steps wait on one another,
 * though they take fewer instructions). */
typedef struct {
  guint32     hash;
  guint       pat;
  const char *word; /* NULL: empty slot */
  gsize       len;
} Slot;

#define DA_FREE G_MAXUINT32
#define DA_ENDS 0x80000000u

/* The most distinct first two bytes of caseless literals that the text is
 * searched for sixteen bytes at a time (each costs six instructions a
 * sixteen bytes, unrolled); past that, a byte at a time. */
#define MAX_PAIRS 8

/* Slots of the first-two-bytes table: open addressing, at most half full
 * up to 2 * FIRST2_SLOTS literals, which past that are all in one list. */
#define FIRST2_SLOTS 128

/* A rule, or a kid of its root OR, that a pattern wakes. */
typedef struct {
  guint rule; /* G_MAXUINT: none (a hole) */
  guint kid;  /* the kid, or G_MAXUINT: the whole rule */
  guint also; /* req[req_off[slot]], the first other pattern the kid
               * cannot hold without, or G_MAXUINT: in the entry, as most
               * kids woken are phrases missing their other word */
} WakeEnt;

struct _VbMatcher {
  gint        ref;
  guint       n_pats;
  GPtrArray  *pat_keys;  /* char* "<norm>\t<0|1>" by pattern number */
  guint8      cls[256];  /* byte classes of the double array */
  DaCell     *da;        /* the words and stems; 0 is the root */
  DaEnds     *ends;      /* by state */
  Slot       *slots;     /* the exact words, open addressing, if no stems */
  guint       mask;
  guint32     first_len[256]; /* by first byte: all bits if a stem starts with
                               * it, else bit MIN (len, 31) for each exact word
                               * it starts; for a keyword list, most tokens
                               * that are no word of it are turned away before
                               * the walk (vb_matcher_lookup) */
  /* rules */
  guint        n_rules;
  guint       *rule_code;
  const VbCodeRule **rule;
  guint       *wake_off;  /* rules woken by pattern p: wake[wake_off[p] .. wake_off[p + 1]) */
  WakeEnt     *wake;
  /* Rules woken kid by kid (root an OR): */
  gboolean    *by_kid;    /* by rule */
  guint       *kid_base;  /* by rule: its kids' slots are kid_base .. + n_kids */
  guint        n_slots;
  guint       *req_off;   /* by kid slot: the patterns it cannot hold without but */
  guint       *req;       /* the one that wakes it (a phrase's other words):
                           * req[req_off[slot] .. req_off[slot + 1]) (see wake) */
  guint       *range_need; /* by kid slot: a word pattern it cannot hold over a range
                            * without, if it holds no regex; else G_MAXUINT */
  guint       *any_off;   /* kids whose need is "anything": any[any_off[g] .. any_off[g + 1]) */
  guint       *any;
  guint        max_kids;
  GArray      *always;    /* guint: rules evaluated on every text */
  guint64     *always_bits; /* the same, a bit a rule */
  guint        n_rule_words; /* 64-bit words of a bit a rule */
  guint        lookup_room; /* the most patterns one token can match */
  /* Regex literals, numbered n_pats .. n_pats + n_lits - 1 */
  guint        n_lits;
  char       **lit;       /* lower-cased unless lit_cs */
  gsize       *lit_len;
  gboolean    *lit_cs;
  gboolean     any_caseless;
  /* The first two bytes of the caseless literals of two bytes or more, a
   * bit each, so that one pass over a text finds them all. */
  guint32     *first2;    /* 65536 bits */
  guint       *lit_first2; /* by literal: its first two bytes, G_MAXUINT: none */
  guint        n_first2;  /* distinct first two bytes */
  guint16      pairs[MAX_PAIRS]; /* the first MAX_PAIRS of them */
  /* Their first and second bytes with bit 5 set, sixteen times each (as
   * the 16-byte scan compares them); NUL past the pairs, which no byte with
   * bit 5 set equals.  pair2: the third byte, the same way, when all the
   * literals of the pair have the same one (caselessly), and pair2_any
   * all ones when they have not (or one is two bytes long): "st" is in
   * one word in thirty of the NHS comments, "str" in one in four hundred. */
#ifdef __SSE2__
  __m128i      pair0[MAX_PAIRS], pair1[MAX_PAIRS]; /* (malloc aligns them) */
  __m128i      pair2[MAX_PAIRS], pair2_any[MAX_PAIRS];
#endif
  /* The caseless literals by their first two bytes: the first at
   * first2_lit[first2_slot (b)] (or another pair's: compare), the next of
   * the same two bytes at lit_next[l]; G_MAXUINT ends. */
  guint        first2_lit[FIRST2_SLOTS];
  guint       *lit_next;
};

/* What the walk found for a word of up to 16 bytes (its bytes in k0, k1,
 * zero past its end), if it matched at most MEMO_PATS patterns, by a hash
 * of the word, newest kept.  Words repeat: with public-standards, 87% of
 * the look-ups of the NHS comments (real text) found their word here, 98%
 * of a consultation stream's; and one compare of two 64-bit words waits
 * on one load, where a walk waits on one a byte and turns back, or finds
 * a stem end, at a byte no branch predictor knows: the walk was a quarter
 * of the time of coding with a rule codebook. */
#define MEMO_PATS 3
#define MEMO_BITS 12
#define MEMO_SLOTS (1u << MEMO_BITS)

typedef struct {
  guint64 k0, k1;
  guint8  len;          /* 0: empty (an empty word is never looked up) */
  guint8  n;
  guint   pats[MEMO_PATS];
} Memo;

struct _VbMatchState {
  VbMatcher *m;
  const VbText *t;
  guint   gen;
  guint  *stamp, *off, *cnt, *cur; /* by pattern */
  guint  *present;  /* patterns seen in this text (room for every pattern) */
  guint   n_present;
  guint  *pairs;    /* (pattern, token) pairs in token order */
  guint   n_pairs, pairs_cap; /* guints, two a pair */
  GArray *pos;      /* guint */
  guint  *rstamp;   /* by rule */
  GArray *rules;    /* guint: rules woken up, ascending (room for every rule) */
  guint64 *rbits;   /* rules woken up, a bit each, while scanning (else 0) */
  guint  *khead;    /* by rule woken this text: its first woken kid's slot */
  guint  *kstamp, *knext; /* by kid slot: woken this text; the rule's next */
  guint  *lstamp;   /* by rule: its kids listed this text (list_kids) */
  guint  *klist;    /* by kid slot: a rule's kids to evaluate this text, */
  guint  *klist_n;  /* ascending from klist[kid_base[rule]]; by rule: how many */
  guint  *kids;     /* scratch: the kids of one rule to evaluate */
  GArray *hits;     /* scratch of vb_rule_match_occ */
  guint  *lookup;   /* the patterns of one token */
  Memo   *memo;     /* MEMO_SLOTS: the look-ups of recent words */
  VbOcc   occ;
};

/* The hash of the n bytes at s, eight at a time: tokens are short, and a
 * multiply per byte (FNV) was most of a lookup. */
static inline guint32
hash_bytes (const char *s, gsize n)
{
  guint64 h = G_GUINT64_CONSTANT (0x9E3779B97F4A7C15) ^ n;
  for (; n >= 8; s += 8, n -= 8)
    {
      guint64 k;
      memcpy (&k, s, 8);
      h = (h ^ k) * G_GUINT64_CONSTANT (0xFF51AFD7ED558CCD);
      h ^= h >> 32;
    }
  if (n > 0)
    {
      /* Byte by byte: a memcpy of a variable length is a call. */
      guint64 k = 0;
      for (gsize i = 0; i < n; i++)
        k |= (guint64) (guchar) s[i] << (8 * i);
      h = (h ^ k) * G_GUINT64_CONSTANT (0xFF51AFD7ED558CCD);
    }
  h ^= h >> 33;
  h *= G_GUINT64_CONSTANT (0xC4CEB9FE1A85EC53);
  return (guint32) (h ^ (h >> 29));
}

/* ---- building ---- */

static guint
trie_child (GArray *trie, guint node, guchar b)
{
  TrieNode *n = &g_array_index (trie, TrieNode, node);
  guint i = 0;
  while (i < n->n && n->keys[i] < b)
    i++;
  if (i < n->n && n->keys[i] == b)
    return n->kids[i];
  TrieNode fresh = { NULL, NULL, 0, -1, -1 };
  guint id = trie->len;
  g_array_append_val (trie, fresh);
  n = &g_array_index (trie, TrieNode, node); /* the array may have moved */
  n->keys = g_realloc (n->keys, n->n + 1);
  n->kids = g_renew (guint, n->kids, n->n + 1);
  memmove (n->keys + i + 1, n->keys + i, n->n - i);
  memmove (n->kids + i + 1, n->kids + i, (n->n - i) * sizeof (guint));
  n->keys[i] = b;
  n->kids[i] = id;
  n->n++;
  return id;
}

/* The double array while it is built: its free cells in a list, so that
 * placing a state's children tries only the free cells for the first of
 * them; the cells at cap and past it are free and in no list. */
typedef struct {
  VbMatcher *m;
  guint      cap;
  guint     *next, *prev; /* by free cell below cap; NONE at the ends */
  guint      head, tail;  /* the first and last free cells below cap, or NONE */
} DaBuild;

#define NONE G_MAXUINT

/* Room for cell i and the children of any base up to i. */
static void
da_reserve (DaBuild *b, guint i)
{
  if (i + 256 < b->cap)
    return;
  VbMatcher *m = b->m;
  guint was = b->cap;
  b->cap = MAX (2 * was, i + 257);
  m->da = g_renew (DaCell, m->da, b->cap);
  m->ends = g_renew (DaEnds, m->ends, b->cap);
  b->next = g_renew (guint, b->next, b->cap);
  b->prev = g_renew (guint, b->prev, b->cap);
  for (guint k = was; k < b->cap; k++)
    {
      m->da[k] = (DaCell) { 0, DA_FREE };
      m->ends[k] = (DaEnds) { -1, -1 };
      b->prev[k] = k == was ? b->tail : k - 1;
      b->next[k] = k + 1 < b->cap ? k + 1 : NONE;
    }
  if (b->tail != NONE)
    b->next[b->tail] = was;
  else
    b->head = was;
  b->tail = b->cap - 1;
}

/* Cell c (free) becomes the child of s. */
static void
da_take (DaBuild *b, guint c, guint s)
{
  b->m->da[c].check = s;
  guint p = b->prev[c], n = b->next[c];
  if (p != NONE)
    b->next[p] = n;
  else
    b->head = n;
  if (n != NONE)
    b->prev[n] = p;
  else
    b->tail = p;
}

/* The trie (freed) as a double array: breadth first, each state's
 * children at the first base where all of them find free cells. */
static void
build_da (VbMatcher *m, GArray *trie)
{
  const TrieNode *tn = (const TrieNode *) (void *) trie->data;
  for (guint i = 0; i < trie->len; i++)
    for (guint k = 0; k < tn[i].n; k++)
      m->cls[tn[i].keys[k]] = 1;
  guint n_cls = 1; /* keys are never NUL: at most 255 classes */
  for (guint b = 0; b < 256; b++)
    if (m->cls[b] != 0)
      m->cls[b] = (guint8) n_cls++;

  DaBuild b = { m, 0, NULL, NULL, NONE, NONE };
  da_reserve (&b, trie->len + trie->len / 4);
  da_take (&b, 0, DA_FREE - 1); /* the root, which is no one's child */
  guint *q_node = g_new (guint, trie->len), *q_state = g_new (guint, trie->len);
  guint head = 0, tail = 0;
  q_node[tail] = 0;
  q_state[tail++] = 0;
  while (head < tail)
    {
      const TrieNode *t = &tn[q_node[head]];
      guint s = q_state[head++];
      if (t->stem >= 0 || t->word >= 0)
        {
          m->da[s].base = DA_ENDS;
          m->ends[s] = (DaEnds) { t->stem, t->word };
        }
      if (t->n == 0)
        continue; /* base 0: every child cell it could name belongs to others */
      guint c0 = m->cls[t->keys[0]];
      guint base = 0;
      for (guint f = b.head;; f = b.next[f])
        {
          if (f == NONE)
            {
              /* Every free cell below cap tried: past it, all are free. */
              base = MAX (b.cap, c0 + 1) - c0;
              da_reserve (&b, base);
              break;
            }
          if (f <= c0)
            continue; /* base 0 is the leaves' */
          base = f - c0;
          da_reserve (&b, base);
          guint k = 1;
          while (k < t->n && m->da[base + m->cls[t->keys[k]]].check == DA_FREE)
            k++;
          if (k == t->n)
            break;
        }
      g_assert (base < DA_ENDS);
      m->da[s].base |= base;
      for (guint k = 0; k < t->n; k++)
        {
          guint c = base + m->cls[t->keys[k]];
          da_take (&b, c, s);
          q_node[tail] = t->kids[k];
          q_state[tail++] = c;
        }
    }
  g_free (q_node);
  g_free (q_state);
  g_free (b.next);
  g_free (b.prev);
  for (guint i = 0; i < trie->len; i++)
    {
      g_free (tn[i].keys);
      g_free (tn[i].kids);
    }
  g_array_unref (trie);
}

/* Numbers the words of node and below; pats maps "<norm>\t<prefix>" to
 * numbers. */
static void
number_words (VbMatcher *m, GHashTable *pats, VbNode *node)
{
  for (guint i = 0; i < node->n_words; i++)
    {
      VbWord *w = &node->words[i];
      char *key = g_strdup_printf ("%s\t%d", w->norm, w->prefix ? 1 : 0);
      gpointer v;
      if (g_hash_table_lookup_extended (pats, key, NULL, &v))
        {
          w->pat = GPOINTER_TO_UINT (v);
          g_free (key);
          continue;
        }
      w->pat = m->n_pats++;
      g_ptr_array_add (m->pat_keys, key);
      g_hash_table_insert (pats, key, GUINT_TO_POINTER (w->pat));
    }
  /* need () sets it where there is one. */
  node->need_pat = G_MAXUINT;
  for (guint i = 0; i < node->n_kids; i++)
    number_words (m, pats, node->kids[i]);
}

/* Numbers the regex literals of node and below, after the words (the
 * numbers go on from n_pats); lits maps "<0|1>\t<literal>" to them. */
static guint
number_lit (VbMatcher *m, GHashTable *lits, GPtrArray *keys, const char *lit,
            gboolean case_sensitive)
{
  g_autofree char *text = case_sensitive ? g_strdup (lit) : g_ascii_strdown (lit, -1);
  char *key = g_strdup_printf ("%d\t%s", case_sensitive ? 1 : 0, text);
  gpointer v;
  if (g_hash_table_lookup_extended (lits, key, NULL, &v))
    {
      g_free (key);
      return m->n_pats + GPOINTER_TO_UINT (v);
    }
  g_hash_table_insert (lits, key, GUINT_TO_POINTER (keys->len));
  g_ptr_array_add (keys, key);
  return m->n_pats + keys->len - 1;
}

static void
number_lits (VbMatcher *m, GHashTable *lits, GPtrArray *keys, VbNode *node)
{
  if (node->kind == VB_NODE_REGEX && node->lit != NULL)
    node->lit_pat = number_lit (m, lits, keys, node->lit, node->case_sensitive);
  for (guint i = 0; node->kind == VB_NODE_REGEX && i < node->n_alts; i++)
    node->alt_pats[i] = number_lit (m, lits, keys, node->alts[i], node->case_sensitive);
  for (guint i = 0; i < node->n_kids; i++)
    number_lits (m, lits, keys, node->kids[i]);
}

/* Where the list of the caseless literals starting with the two bytes b
 * starts in first2_lit: the slot holding a literal of b or an empty one.
 * With more distinct first two bytes than half the slots, all the
 * literals are in the list of slot 0 (the scan then compares each). */
static inline guint *
first2_head (VbMatcher *m, guint b)
{
  if (m->n_first2 > FIRST2_SLOTS / 2)
    return &m->first2_lit[0];
  guint i = (b * 0x9E3779B1u) >> 25; /* 7 bits: FIRST2_SLOTS */
  while (m->first2_lit[i] != G_MAXUINT && m->lit_first2[m->first2_lit[i]] != b)
    i = (i + 1) & (FIRST2_SLOTS - 1);
  return &m->first2_lit[i];
}

static GArray *need_of (VbNode *node);

/* need(node) as described at the top; NULL for "anything".  A node whose
 * need is one pattern keeps it (VbNode.need_pat), so that evaluating an
 * OR or AND passes over a kid that cannot hold without a call. */
static GArray *
need (VbNode *node)
{
  GArray *a = need_of (node);
  if (a != NULL && a->len == 1)
    node->need_pat = g_array_index (a, guint, 0);
  return a;
}

static GArray *
need_of (VbNode *node)
{
  switch (node->kind)
    {
    case VB_NODE_WORDS:
      {
        guint best = 0;
        for (guint i = 1; i < node->n_words; i++)
          if (node->words[i].len > node->words[best].len)
            best = i;
        GArray *a = g_array_new (FALSE, FALSE, sizeof (guint));
        g_array_append_val (a, node->words[best].pat);
        return a;
      }
    case VB_NODE_REGEX:
      {
        if (node->lit == NULL && node->alts == NULL)
          return NULL;
        GArray *a = g_array_new (FALSE, FALSE, sizeof (guint));
        if (node->lit != NULL)
          g_array_append_val (a, node->lit_pat);
        else
          g_array_append_vals (a, node->alt_pats, node->n_alts);
        return a;
      }
    case VB_NODE_NOT:
      return NULL;
    case VB_NODE_EXCEPT:
      return need (node->kids[0]);
    case VB_NODE_AND:
    case VB_NODE_NEAR:
    case VB_NODE_BEFORE:
    case VB_NODE_UNDER:
      {
        GArray *best = NULL;
        for (guint i = 0; i < node->n_kids; i++)
          {
            GArray *a = need (node->kids[i]);
            if (a == NULL)
              continue;
            if (best == NULL || a->len < best->len)
              {
                if (best != NULL)
                  g_array_unref (best);
                best = a;
              }
            else
              g_array_unref (a);
          }
        return best;
      }
    case VB_NODE_OR:
      {
        GArray *all = g_array_new (FALSE, FALSE, sizeof (guint));
        for (guint i = 0; i < node->n_kids; i++)
          {
            GArray *a = need (node->kids[i]);
            if (a == NULL)
              {
                g_array_unref (all);
                return NULL;
              }
            g_array_append_vals (all, a->data, a->len);
            g_array_unref (a);
          }
        return all;
      }
    }
  return NULL;
}

VbMatcher *
vb_matcher_new (const VbCodebook *cb)
{
  VbMatcher *m = g_new0 (VbMatcher, 1);
  m->ref = 1;
  m->pat_keys = g_ptr_array_new_with_free_func (g_free);
  m->always = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr (GHashTable) pats = g_hash_table_new (g_str_hash, g_str_equal);

  m->n_rules = vb_codebook_n_rules (cb);
  m->rule_code = g_new0 (guint, MAX (m->n_rules, 1));
  m->rule = g_new0 (const VbCodeRule *, MAX (m->n_rules, 1));
  guint g = 0;
  for (guint c = 0; c < vb_codebook_n_codes (cb); c++)
    {
      const VbCode *code = vb_codebook_code (cb, c);
      for (guint r = 0; r < code->rules->len && g < m->n_rules; r++, g++)
        {
          m->rule_code[g] = c;
          m->rule[g] = code->rules->pdata[r];
          number_words (m, pats, m->rule[g]->compiled->root);
        }
    }
  m->n_rules = g;
  {
    g_autoptr (GHashTable) lits = g_hash_table_new (g_str_hash, g_str_equal);
    g_autoptr (GPtrArray) keys = g_ptr_array_new_with_free_func (g_free);
    for (g = 0; g < m->n_rules; g++)
      number_lits (m, lits, keys, m->rule[g]->compiled->root);
    m->n_lits = keys->len;
    m->lit = g_new0 (char *, MAX (m->n_lits, 1));
    m->lit_len = g_new0 (gsize, MAX (m->n_lits, 1));
    m->lit_cs = g_new0 (gboolean, MAX (m->n_lits, 1));
    m->first2 = g_new0 (guint32, 65536 / 32);
    m->lit_first2 = g_new0 (guint, MAX (m->n_lits, 1));
    m->lit_next = g_new0 (guint, MAX (m->n_lits, 1));
    memset (m->first2_lit, 0xff, sizeof m->first2_lit);
    for (guint l = 0; l < m->n_lits; l++)
      {
        const char *key = keys->pdata[l];
        m->lit_cs[l] = key[0] == '1';
        m->lit[l] = g_strdup (key + 2);
        m->lit_len[l] = strlen (m->lit[l]);
        if (!m->lit_cs[l])
          m->any_caseless = TRUE;
        m->lit_first2[l] = G_MAXUINT;
        if (!m->lit_cs[l] && m->lit_len[l] >= 2)
          {
            guint b = (guchar) m->lit[l][0] | (guint) (guchar) m->lit[l][1] << 8;
            if ((m->first2[b >> 5] & (1u << (b & 31))) == 0)
              {
                if (m->n_first2 < MAX_PAIRS)
                  {
                    m->pairs[m->n_first2] = (guint16) b;
#ifdef __SSE2__
                    m->pair0[m->n_first2] = _mm_set1_epi8 ((char) ((b & 0xff) | 0x20));
                    m->pair1[m->n_first2] = _mm_set1_epi8 ((char) ((b >> 8) | 0x20));
#endif
                  }
                m->n_first2++;
              }
            m->first2[b >> 5] |= 1u << (b & 31);
            m->lit_first2[l] = b;
          }
      }
#ifdef __SSE2__
    for (guint k = 0; k < MIN (m->n_first2, MAX_PAIRS); k++)
      {
        gint third = -1; /* none yet; -2: more than one, or none */
        for (guint l = 0; l < m->n_lits; l++)
          {
            if (m->lit_first2[l] != m->pairs[k])
              continue;
            gint c = m->lit_len[l] >= 3 ? (guchar) m->lit[l][2] | 0x20 : -2;
            third = third == -1 || third == c ? c : -2;
          }
        m->pair2[k] = _mm_set1_epi8 ((char) (third >= 0 ? third : 0));
        m->pair2_any[k] = _mm_set1_epi8 (third >= 0 ? 0 : -1);
      }
#endif
    /* Each first two bytes' literals in a list, in literal order. */
    for (guint l = m->n_lits; l-- > 0;)
      {
        m->lit_next[l] = G_MAXUINT;
        if (m->lit_first2[l] == G_MAXUINT)
          continue;
        guint *head = first2_head (m, m->lit_first2[l]);
        m->lit_next[l] = *head;
        *head = l;
      }
  }
  guint n_all = m->n_pats + m->n_lits;

  /* Exact words and stems into one trie. */
  GArray *trie = g_array_new (FALSE, FALSE, sizeof (TrieNode));
  TrieNode root = { NULL, NULL, 0, -1, -1 };
  g_array_append_val (trie, root);
  m->lookup_room = 1; /* the exact word */
  for (guint p = 0; p < m->n_pats; p++)
    {
      char *key = m->pat_keys->pdata[p];
      char *tab = strrchr (key, '\t');
      gboolean prefix = tab[1] == '1';
      *tab = '\0'; /* the key is now the word; it stays so */
      guint node = 0;
      for (const char *s = key; *s; s++)
        node = trie_child (trie, node, (guchar) *s);
      TrieNode *t = &g_array_index (trie, TrieNode, node);
      if (prefix)
        {
          m->lookup_room++;
          t->stem = (gint) p;
          m->first_len[(guchar) key[0]] = G_MAXUINT32;
        }
      else
        {
          t->word = (gint) p;
          m->first_len[(guchar) key[0]] |= 1u << MIN (strlen (key), 31);
        }
    }
  build_da (m, trie);
  if (m->lookup_room == 1)
    {
      /* Load at most 1/2. */
      guint size = 16;
      while (size < m->n_pats * 2)
        size *= 2;
      m->slots = g_new0 (Slot, size);
      m->mask = size - 1;
      for (guint p = 0; p < m->n_pats; p++)
        {
          const char *word = m->pat_keys->pdata[p];
          gsize len = strlen (word);
          guint32 h = hash_bytes (word, len);
          guint i = h & m->mask;
          while (m->slots[i].word != NULL)
            i = (i + 1) & m->mask;
          m->slots[i] = (Slot) { h, p, word, len };
        }
    }

  /* Which rules (and kids) each pattern wakes up: entries (pattern, rule,
   * kid), counted, then filled. */
  m->by_kid = g_new0 (gboolean, MAX (m->n_rules, 1));
  m->kid_base = g_new0 (guint, MAX (m->n_rules, 1));
  m->any_off = g_new0 (guint, m->n_rules + 1);
  GArray *any = g_array_new (FALSE, FALSE, sizeof (guint));
  GArray *ent = g_array_new (FALSE, FALSE, sizeof (guint) * 3);
  for (g = 0; g < m->n_rules; g++)
    {
      VbNode *top = m->rule[g]->compiled->root;
      if (top->kind == VB_NODE_OR && !top->neg)
        {
          m->by_kid[g] = TRUE;
          m->kid_base[g] = m->n_slots;
          m->n_slots += top->n_kids;
          m->max_kids = MAX (m->max_kids, top->n_kids);
          for (guint k = 0; k < top->n_kids; k++)
            {
              GArray *a = need (top->kids[k]);
              if (a == NULL)
                {
                  g_array_append_val (any, k);
                  continue;
                }
              for (guint i = 0; i < a->len; i++)
                {
                  guint e[3] = { g_array_index (a, guint, i), g, k };
                  g_array_append_vals (ent, e, 1);
                }
              g_array_unref (a);
            }
          if (any->len > m->any_off[g])
            g_array_append_val (m->always, g);
          m->any_off[g + 1] = any->len;
          continue;
        }
      m->any_off[g + 1] = any->len;
      GArray *a = need (top);
      if (a == NULL)
        {
          g_array_append_val (m->always, g);
          continue;
        }
      for (guint i = 0; i < a->len; i++)
        {
          guint e[3] = { g_array_index (a, guint, i), g, G_MAXUINT };
          g_array_append_vals (ent, e, 1);
        }
      g_array_unref (a);
    }
  m->any = (guint *) (void *) g_array_free (any, FALSE);
  m->req_off = g_new0 (guint, m->n_slots + 1);
  m->range_need = g_new (guint, MAX (m->n_slots, 1));
  GArray *req = g_array_new (FALSE, FALSE, sizeof (guint));
  for (g = 0; g < m->n_rules; g++)
    {
      if (!m->by_kid[g])
        continue;
      const VbNode *top = m->rule[g]->compiled->root;
      for (guint k = 0; k < top->n_kids; k++)
        {
          /* What vb-rule-match.c's surely_absent looks at, which need ()
           * above has set, but need_pat: the one pattern that wakes a kid
           * that has one. */
          const VbNode *kid = top->kids[k];
          if (kid->kind == VB_NODE_WORDS && kid->n_words > 1)
            for (guint i = 0; i < kid->n_words; i++)
              if (kid->words[i].pat != kid->need_pat)
                g_array_append_val (req, kid->words[i].pat);
          m->req_off[m->kid_base[g] + k + 1] = req->len;
          m->range_need[m->kid_base[g] + k] = kid->need_pat < m->n_pats && !kid->has_regex
                                              ? kid->need_pat : G_MAXUINT;
        }
    }
  m->req = (guint *) (void *) g_array_free (req, FALSE);
  m->n_rule_words = (m->n_rules + 63) / 64;
  m->always_bits = g_new0 (guint64, MAX (m->n_rule_words, 1));
  for (guint i = 0; i < m->always->len; i++)
    {
      guint r = g_array_index (m->always, guint, i);
      m->always_bits[r / 64] |= G_GUINT64_CONSTANT (1) << (r % 64);
    }
  m->wake_off = g_new0 (guint, n_all + 1);
  const guint *e = (const guint *) (void *) ent->data;
  for (guint i = 0; i < ent->len; i++)
    m->wake_off[e[3 * i] + 1]++;
  for (guint p = 0; p < n_all; p++)
    m->wake_off[p + 1] += m->wake_off[p];
  m->wake = g_new0 (WakeEnt, MAX (m->wake_off[n_all], 1));
  g_autofree guint *fill = g_memdup2 (m->wake_off, (n_all + 1) * sizeof (guint));
  for (guint i = 0; i < ent->len; i++)
    {
      guint p = e[3 * i], rule = e[3 * i + 1], kid = e[3 * i + 2];
      /* A pattern listed twice in one need wakes the rule (or kid) once. */
      if (fill[p] > m->wake_off[p] && m->wake[fill[p] - 1].rule == rule
          && m->wake[fill[p] - 1].kid == kid)
        continue;
      guint slot = kid != G_MAXUINT ? m->kid_base[rule] + kid : 0;
      guint also = kid != G_MAXUINT && m->req_off[slot] < m->req_off[slot + 1]
                   ? m->req[m->req_off[slot]] : G_MAXUINT;
      m->wake[fill[p]++] = (WakeEnt) { rule, kid, also };
    }
  g_array_unref (ent);
  /* Duplicates leave holes at the end of a pattern's list: mark them. */
  for (guint p = 0; p < n_all; p++)
    for (guint i = fill[p]; i < m->wake_off[p + 1]; i++)
      m->wake[i] = (WakeEnt) { G_MAXUINT, G_MAXUINT, G_MAXUINT };
  return m;
}

VbMatcher *
vb_matcher_ref (VbMatcher *m)
{
  g_atomic_int_inc (&m->ref);
  return m;
}

void
vb_matcher_unref (VbMatcher *m)
{
  if (m == NULL || !g_atomic_int_dec_and_test (&m->ref))
    return;
  g_free (m->da);
  g_free (m->ends);
  g_free (m->slots);
  g_ptr_array_unref (m->pat_keys);
  g_free (m->rule_code);
  g_free (m->rule);
  g_free (m->wake_off);
  g_free (m->wake);
  g_free (m->by_kid);
  g_free (m->kid_base);
  g_free (m->any_off);
  g_free (m->req_off);
  g_free (m->req);
  g_free (m->range_need);
  g_free (m->any);
  g_array_unref (m->always);
  g_free (m->always_bits);
  for (guint l = 0; l < m->n_lits; l++)
    g_free (m->lit[l]);
  g_free (m->lit);
  g_free (m->lit_len);
  g_free (m->lit_cs);
  g_free (m->first2);
  g_free (m->lit_first2);
  g_free (m->lit_next);
  g_free (m);
}

guint
vb_matcher_n_rules (const VbMatcher *m)
{
  return m->n_rules;
}

guint
vb_matcher_n_patterns (const VbMatcher *m)
{
  return m->n_pats;
}

guint
vb_matcher_rule_code (const VbMatcher *m, guint rule)
{
  g_return_val_if_fail (rule < m->n_rules, 0);
  return m->rule_code[rule];
}

const VbCodeRule *
vb_matcher_rule (const VbMatcher *m, guint rule)
{
  g_return_val_if_fail (rule < m->n_rules, NULL);
  return m->rule[rule];
}

/* ---- scanning ---- */

VbMatchState *
vb_match_state_new (VbMatcher *m)
{
  VbMatchState *st = g_new0 (VbMatchState, 1);
  st->m = vb_matcher_ref (m);
  guint np = MAX (m->n_pats, 1);
  st->stamp = g_new0 (guint, MAX (m->n_pats + m->n_lits, 1));
  st->off = g_new0 (guint, np);
  st->cnt = g_new0 (guint, np);
  st->cur = g_new0 (guint, np);
  st->rstamp = g_new0 (guint, MAX (m->n_rules, 1));
  st->present = g_new (guint, np);
  st->pairs_cap = 256;
  st->pairs = g_new (guint, st->pairs_cap);
  st->pos = g_array_new (FALSE, FALSE, sizeof (guint));
  /* A rule is woken once a text at most, and the rules evaluated on
   * every text are woken by no pattern: all of them fit. */
  st->rules = g_array_sized_new (FALSE, FALSE, sizeof (guint), MAX (m->n_rules, 1));
  st->khead = g_new0 (guint, MAX (m->n_rules, 1));
  st->rbits = g_new0 (guint64, MAX (m->n_rule_words, 1));
  st->kstamp = g_new0 (guint, MAX (m->n_slots, 1));
  st->knext = g_new0 (guint, MAX (m->n_slots, 1));
  st->lstamp = g_new0 (guint, MAX (m->n_rules, 1));
  st->klist = g_new0 (guint, MAX (m->n_slots, 1));
  st->klist_n = g_new0 (guint, MAX (m->n_rules, 1));
  st->kids = g_new0 (guint, MAX (m->max_kids, 1));
  st->hits = vb_rule_hits_new ();
  st->lookup = g_new (guint, m->lookup_room);
  st->memo = g_new0 (Memo, MEMO_SLOTS);
  return st;
}

void
vb_match_state_free (VbMatchState *st)
{
  if (st == NULL)
    return;
  g_free (st->stamp);
  g_free (st->off);
  g_free (st->cnt);
  g_free (st->cur);
  g_free (st->rstamp);
  g_free (st->present);
  g_free (st->pairs);
  g_array_unref (st->pos);
  g_array_unref (st->rules);
  g_free (st->rbits);
  g_free (st->khead);
  g_free (st->kstamp);
  g_free (st->knext);
  g_free (st->lstamp);
  g_free (st->klist);
  g_free (st->klist_n);
  g_free (st->kids);
  g_array_unref (st->hits);
  g_free (st->lookup);
  g_free (st->memo);
  vb_matcher_unref (st->m);
  g_free (st);
}

/* pairs has room for this pair (vb_match_state_scan makes it for each
 * token that has patterns), present for every pattern: written in place,
 * as a call a token was a tenth of a scan. */
static inline void
found (VbMatchState *st, guint p, guint tok)
{
  if (st->stamp[p] != st->gen)
    {
      st->stamp[p] = st->gen;
      st->cnt[p] = 0;
      st->present[st->n_present++] = p;
    }
  st->cnt[p]++;
  st->pairs[st->n_pairs++] = p;
  st->pairs[st->n_pairs++] = tok;
}

/* The patterns a token's normal form s (n bytes) matches, written to out
 * (room for m->lookup_room): its stems from the shortest, then the exact
 * word.  Returns how many.  filter: try first_len first, which pays where
 * few tokens start like a pattern (keyword lists), not where stems start
 * with most letters (rule codebooks: the walk turns a token away as soon). */
static inline guint
lookup (const VbMatcher *m, const guchar *s, gsize n_s, guint *out, gboolean filter)
{
  /* In locals: out might alias the tables for all the compiler knows. */
  const DaCell *da = m->da;
  const DaEnds *ends = m->ends;
  const guint8 *cls = m->cls;
  guint n = 0;
  /* A token whose normal form is empty matches no word. */
  if (n_s == 0 || (filter && (m->first_len[s[0]] & (1u << MIN (n_s, 31))) == 0))
    return 0;
  if (filter && m->slots != NULL)
    {
      guint32 h = hash_bytes ((const char *) s, n_s);
      for (guint j = h & m->mask; m->slots[j].word != NULL; j = (j + 1) & m->mask)
        if (m->slots[j].hash == h && m->slots[j].len == n_s
            && memcmp (m->slots[j].word, s, n_s) == 0)
          {
            out[n++] = m->slots[j].pat;
            break;
          }
      return n;
    }
  guint32 st = 0, base = da[0].base & ~DA_ENDS;
  for (const guchar *end = s + n_s; s < end; s++)
    {
      guint32 t = base + cls[*s];
      if (da[t].check != st)
        return n; /* no pattern starts so: no stem longer, no exact word */
      st = t;
      base = da[t].base;
      if (G_UNLIKELY (base & DA_ENDS))
        {
          base &= ~DA_ENDS;
          if (ends[st].stem >= 0)
            out[n++] = (guint) ends[st].stem;
        }
    }
  if (ends[st].word >= 0)
    out[n++] = (guint) ends[st].word;
  return n;
}

/* A norm's key in the memo: its bytes (up to 16, zero past its end) and
 * the slot they hash to; slot G_MAXUINT: longer (or empty), not kept. */
typedef struct {
  guint64 k0, k1;
  guint   slot;
} MemoKey;

/* The key of a token's norm s (n_s bytes, followed by VB_TEXT_NORM_SLACK
 * readable bytes). */
static inline void
memo_key (const guchar *s, gsize n_s, MemoKey *k)
{
  /* Bytes 0..n of a 64-bit word (little or big end alike: the key is
   * only compared, never read as a number). */
  static const guint64 keep[9] = {
    0, 0xFF, 0xFFFF, 0xFFFFFF, 0xFFFFFFFF, G_GUINT64_CONSTANT (0xFFFFFFFFFF),
    G_GUINT64_CONSTANT (0xFFFFFFFFFFFF), G_GUINT64_CONSTANT (0xFFFFFFFFFFFFFF), G_MAXUINT64,
  };
  G_STATIC_ASSERT (VB_TEXT_NORM_SLACK >= 16);
  if (n_s == 0 || n_s > 16)
    {
      k->slot = G_MAXUINT;
      return;
    }
  guint64 k0, k1;
  memcpy (&k0, s, 8);
  memcpy (&k1, s + 8, 8);
#if G_BYTE_ORDER == G_LITTLE_ENDIAN
  k0 &= keep[MIN (n_s, 8)];
  k1 &= keep[n_s > 8 ? n_s - 8 : 0];
#else
  k0 &= GUINT64_SWAP_LE_BE (keep[MIN (n_s, 8)]);
  k1 &= GUINT64_SWAP_LE_BE (keep[n_s > 8 ? n_s - 8 : 0]);
#endif
  guint64 h = (k0 * G_GUINT64_CONSTANT (0x9E3779B97F4A7C15))
              ^ (k1 * G_GUINT64_CONSTANT (0xC2B2AE3D27D4EB4F)) ^ n_s;
  k->k0 = k0;
  k->k1 = k1;
  k->slot = (guint) ((h * G_GUINT64_CONSTANT (0xFF51AFD7ED558CCD)) >> (64 - MEMO_BITS));
}

/* lookup of a token's norm s through the memo (k its key): sets *pats to
 * its patterns, returns how many. */
static inline guint
lookup_memo (VbMatchState *st, const guchar *s, gsize n_s, const MemoKey *k,
             const guint **pats)
{
  *pats = st->lookup;
  if (k->slot == G_MAXUINT)
    return lookup (st->m, s, n_s, st->lookup, FALSE);
  Memo *e = &st->memo[k->slot];
  if (e->k0 == k->k0 && e->k1 == k->k1 && e->len == n_s)
    {
      *pats = e->pats;
      return e->n;
    }
  guint n = lookup (st->m, s, n_s, st->lookup, FALSE);
  if (n <= MEMO_PATS)
    {
      *e = (Memo) { k->k0, k->k1, (guint8) n_s, (guint8) n, { 0 } };
      memcpy (e->pats, st->lookup, n * sizeof (guint));
    }
  return n;
}

guint
vb_matcher_lookup_room (const VbMatcher *m)
{
  return m->lookup_room;
}

guint
vb_matcher_lookup (const VbMatcher *m, const char *norm, gsize len, guint *pats)
{
  return lookup (m, (const guchar *) norm, len, pats, TRUE);
}

static inline void
wake_rule (VbMatchState *st, guint g)
{
  if (st->rstamp[g] != st->gen)
    {
      st->rstamp[g] = st->gen;
      st->rbits[g / 64] |= G_GUINT64_CONSTANT (1) << (g % 64);
      st->khead[g] = G_MAXUINT;
    }
}

/* Wakes the rules and kids pattern p (found in the text) is a need of.
 * The words of the text are all marked by then, and a literal's mark
 * comes before its wake: a kid the text lacks another pattern of (a word
 * of a phrase) is not woken, nor is its rule for it.  Evaluating such a
 * kid would find as much (vb-rule-match.c's surely_absent turns it away),
 * after loads of its node from wherever it lies, again for every range of
 * the text: three woken kids in four were such on a consultation stream. */
static inline void
wake (VbMatchState *st, guint p)
{
  const VbMatcher *m = st->m;
  for (guint w = m->wake_off[p]; w < m->wake_off[p + 1]; w++)
    {
      const WakeEnt *e = &m->wake[w];
      if (e->also != G_MAXUINT && st->stamp[e->also] != st->gen)
        continue;
      guint g = e->rule;
      if (g == G_MAXUINT)
        continue;
      if (e->kid == G_MAXUINT)
        {
          wake_rule (st, g);
          continue;
        }
      guint slot = m->kid_base[g] + e->kid;
      if (st->kstamp[slot] == st->gen)
        continue;
      /* req[req_off[slot]] is e->also, just looked at. */
      guint i = m->req_off[slot] + (e->also != G_MAXUINT);
      while (i < m->req_off[slot + 1] && st->stamp[m->req[i]] == st->gen)
        i++;
      if (i < m->req_off[slot + 1])
        continue;
      st->kstamp[slot] = st->gen;
      wake_rule (st, g);
      st->knext[slot] = st->khead[g];
      st->khead[g] = slot;
    }
}


static inline guint
lower (guchar b)
{
  return (guint) (b - 'A') < 26u ? (guint) b + ('a' - 'A') : b;
}

/* Marks the caseless literals of two bytes or more that s[i, n) starts
 * with, if s[i, i + 2) are the first two bytes of one. */
static inline void
caseless_at (VbMatchState *st, const guchar *s, gsize n, gsize i)
{
  const VbMatcher *m = st->m;
  guint b = lower (s[i]) | lower (s[i + 1]) << 8;
  if ((m->first2[b >> 5] & (1u << (b & 31))) == 0)
    return;
  for (guint l = *first2_head ((VbMatcher *) m, b); l != G_MAXUINT; l = m->lit_next[l])
    {
      if (m->lit_first2[l] != b || m->lit_len[l] > n - i)
        continue;
      const char *lit = m->lit[l];
      gsize j = 2;
      while (j < m->lit_len[l] && lower (s[i + j]) == (guchar) lit[j])
        j++;
      if (j == m->lit_len[l])
        st->stamp[m->n_pats + l] = st->gen;
    }
}

#ifdef __SSE2__
/* caseless_scan of the starts s[0, stop) sixteen at a time (stop a
 * multiple of 16, s readable to stop + 2): where a byte and the byte after
 * it are the first two of a literal, both with bit 5 set (which makes A-Z
 * a-z, and lets through a few other bytes, which caseless_at turns away),
 * and the byte after them its third if its pair has one (pair2), all
 * MAX_PAIRS first two bytes at once.  Returns stop, or G_MAXSIZE at a
 * byte past ASCII. */
static gsize
caseless_simd (VbMatchState *st, const guchar *s, gsize n, gsize stop)
{
  const VbMatcher *m = st->m;
  const __m128i bit5 = _mm_set1_epi8 (0x20);
  gsize i = 0;
  for (; i < stop; i += 16)
    {
      __m128i x = _mm_loadu_si128 ((const __m128i *) (const void *) (s + i));
      if (_mm_movemask_epi8 (x) != 0)
        return G_MAXSIZE;
      __m128i y = _mm_loadu_si128 ((const __m128i *) (const void *) (s + i + 1));
      __m128i z = _mm_loadu_si128 ((const __m128i *) (const void *) (s + i + 2));
      x = _mm_or_si128 (x, bit5);
      y = _mm_or_si128 (y, bit5);
      z = _mm_or_si128 (z, bit5);
      const __m128i *a = m->pair0, *b = m->pair1, *c = m->pair2, *any = m->pair2_any;
#define PAIR(k) _mm_and_si128 (_mm_and_si128 (_mm_cmpeq_epi8 (x, a[k]), _mm_cmpeq_epi8 (y, b[k])), \
                               _mm_or_si128 (_mm_cmpeq_epi8 (z, c[k]), any[k]))
      __m128i hit = _mm_or_si128 (_mm_or_si128 (_mm_or_si128 (PAIR (0), PAIR (1)),
                                                _mm_or_si128 (PAIR (2), PAIR (3))),
                                  _mm_or_si128 (_mm_or_si128 (PAIR (4), PAIR (5)),
                                                _mm_or_si128 (PAIR (6), PAIR (7))));
#undef PAIR
      for (guint bits = (guint) _mm_movemask_epi8 (hit); bits != 0; bits &= bits - 1)
        {
          gsize at = i + (guint) __builtin_ctz (bits);
          if (at + 1 < n) /* not in the padding after a text's last bytes */
            caseless_at (st, s, n, at);
        }
    }
  return i;
}
#endif

/* Marks the caseless literals of two bytes or more that s[0, n) holds, as
 * lower-casing it (ASCII) and searching would; FALSE, with the marks not
 * to be trusted, when s has a byte past ASCII, where a caseless literal
 * can no longer be ruled out (PCRE folds some characters past ASCII to
 * ASCII letters). */
static gboolean
caseless_scan (VbMatchState *st, const guchar *s, gsize n)
{
  const VbMatcher *m = st->m;
  gsize i = 0;
#ifdef __SSE2__
  if (m->n_first2 <= MAX_PAIRS)
    {
      /* The text up to its last seventeen bytes or fewer, which are then
       * scanned in a copy padded with NULs (which start no literal); a
       * literal starts at n - 2 at the latest. */
      gsize body = n > 1 ? (n - 2) / 16 * 16 : 0;
      i = caseless_simd (st, s, n, body);
      if (i == G_MAXSIZE)
        return FALSE;
      guchar tail[33] = { 0 };
      memcpy (tail, s + i, n - i);
      if (caseless_simd (st, tail, n - i, 16) == G_MAXSIZE)
        return FALSE;
      return TRUE;
    }
#endif
  for (; i < n; i++)
    {
      if (s[i] >= 0x80)
        return FALSE;
      if (i + 1 < n)
        caseless_at (st, s, n, i);
    }
  return TRUE;
}

/* Marks the regex literals t may hold (as VbOcc says) and wakes their
 * rules: one pass over the text for all the caseless literals costs less
 * than comparing caselessly byte by byte for each regex. */
static void
lits_found (VbMatchState *st, const VbText *t)
{
  const VbMatcher *m = st->m;
  gboolean ascii = !m->any_caseless
                   || caseless_scan (st, (const guchar *) t->text, t->len);
  for (guint l = 0; l < m->n_lits; l++)
    {
      guint p = m->n_pats + l;
      gboolean there;
      if (m->lit_cs[l])
        there = memmem (t->text, t->len, m->lit[l], m->lit_len[l]) != NULL;
      else if (!ascii)
        there = TRUE;
      else if (m->lit_len[l] < 2)
        {
          char c = m->lit[l][0];
          there = memchr (t->text, c, t->len) != NULL
                  || (c >= 'a' && c <= 'z' && memchr (t->text, c - ('a' - 'A'), t->len) != NULL);
        }
      else
        there = st->stamp[p] == st->gen;
      if (!there)
        continue;
      st->stamp[p] = st->gen;
      wake (st, p);
    }
}

static gint
guint_cmp (const void *a, const void *b)
{
  guint x = *(const guint *) a, y = *(const guint *) b;
  return x < y ? -1 : x > y;
}

void
vb_match_state_scan (VbMatchState *st, const VbText *t)
{
  VbMatcher *m = st->m;
  st->t = t;
  if (++st->gen == 0)
    {
      memset (st->stamp, 0, MAX (m->n_pats + m->n_lits, 1) * sizeof (guint));
      memset (st->rstamp, 0, MAX (m->n_rules, 1) * sizeof (guint));
      memset (st->kstamp, 0, MAX (m->n_slots, 1) * sizeof (guint));
      memset (st->lstamp, 0, MAX (m->n_rules, 1) * sizeof (guint));
      st->gen = 1;
    }
  st->n_present = 0;
  st->n_pairs = 0;
  st->rules->len = 0;

  const VbToken *tok = (const VbToken *) (void *) t->tokens->data;
  guint n_tok = t->tokens->len;
  /* Each token's memo slot is asked for while the one before is looked
   * up: the memo is larger than the first-level cache. */
  MemoKey key, next = { 0, 0, G_MAXUINT };
  if (n_tok > 0)
    memo_key ((const guchar *) tok[0].norm, tok[0].norm_len, &next);
  for (guint i = 0; i < n_tok; i++)
    {
      key = next;
      if (i + 1 < n_tok)
        {
          memo_key ((const guchar *) tok[i + 1].norm, tok[i + 1].norm_len, &next);
          if (next.slot != G_MAXUINT)
            __builtin_prefetch (&st->memo[next.slot]);
        }
      const guint *pats;
      guint n = lookup_memo (st, (const guchar *) tok[i].norm, tok[i].norm_len, &key, &pats);
      if (n == 0)
        continue;
      if (G_UNLIKELY (st->n_pairs + 2 * n > st->pairs_cap))
        {
          st->pairs_cap = MAX (2 * st->pairs_cap, st->n_pairs + 2 * n);
          st->pairs = g_renew (guint, st->pairs, st->pairs_cap);
        }
      for (guint k = 0; k < n; k++)
        found (st, pats[k], i);
    }

  /* Occurrences by pattern, each pattern's in token order. */
  const guint *present = st->present;
  guint total = 0;
  for (guint k = 0; k < st->n_present; k++)
    {
      guint p = present[k];
      st->off[p] = st->cur[p] = total;
      total += st->cnt[p];
    }
  g_array_set_size (st->pos, total);
  guint *pos = (guint *) (void *) st->pos->data;
  const guint *pairs = st->pairs;
  for (guint k = 0; k < st->n_pairs; k += 2)
    pos[st->cur[pairs[k]]++] = pairs[k + 1];
  st->occ = (VbOcc) { st->stamp, st->gen, st->off, st->cnt, pos };

  /* The rules woken up, in codebook order. */
  for (guint k = 0; k < st->n_present; k++)
    wake (st, present[k]);
  if (m->n_lits > 0)
    lits_found (st, t);
  /* In codebook order from the bits, each once (a rule evaluated on every
   * text may also have been woken), where sorting a list cost as much as
   * the look-ups. */
  guint *r = (guint *) (void *) st->rules->data;
  guint n = 0;
  for (guint w = 0; w < m->n_rule_words; w++)
    {
      guint64 x = st->rbits[w] | m->always_bits[w];
      st->rbits[w] = 0;
      for (; x != 0; x &= x - 1)
        r[n++] = 64 * w + (guint) __builtin_ctzll (x);
    }
  st->rules->len = n;
}

const guint *
vb_match_state_rules (const VbMatchState *st, guint *n)
{
  *n = st->rules->len;
  return (const guint *) (void *) st->rules->data;
}

/* TRUE if word pattern p (marked in the text) occurs in range.  A rule
 * scoped to sentences is evaluated on each sentence of a text, with the
 * kids the whole text woke; a kid cannot hold in a sentence that lacks
 * its need (see the top), and evaluating it there would find nothing at
 * some cost, so it is not evaluated: the same result and spans.  Kids
 * holding a regex are evaluated all the same (VbNode.has_regex), so that a
 * regex that gives up does so where it did. */
static inline gboolean
occurs_in (const VbOcc *occ, guint p, const VbRange *range)
{
  const guint *pos = occ->pos + occ->off[p], *end = pos + occ->cnt[p];
  while (pos < end && *pos < range->tok_from)
    pos++;
  return pos < end && *pos < range->tok_to;
}

/* Lists once a text the kids of rule to evaluate, ascending (so that a
 * failing regex is the one a whole evaluation meets first): those woken
 * up and those always evaluated. */
static void
list_kids (const VbMatchState *st, guint rule)
{
  const VbMatcher *m = st->m;
  st->lstamp[rule] = st->gen;
  guint *kids = st->klist + m->kid_base[rule], n = 0;
  if (st->rstamp[rule] == st->gen)
    for (guint slot = st->khead[rule]; slot != G_MAXUINT; slot = st->knext[slot])
      kids[n++] = slot - m->kid_base[rule];
  for (guint i = m->any_off[rule]; i < m->any_off[rule + 1]; i++)
    kids[n++] = m->any[i];
  if (n > 64)
    qsort (kids, n, sizeof (guint), guint_cmp);
  else
    for (guint i = 1; i < n; i++)
      {
        guint x = kids[i], j = i;
        for (; j > 0 && kids[j - 1] > x; j--)
          kids[j] = kids[j - 1];
        kids[j] = x;
      }
  st->klist_n[rule] = n;
}

gboolean
vb_match_state_rule (const VbMatchState *st, guint rule, const VbRange *range, GArray *spans,
                     GError **error)
{
  const VbMatcher *m = st->m;
  g_return_val_if_fail (st->t != NULL && rule < m->n_rules, FALSE);
  if (!m->by_kid[rule])
    return vb_rule_match_occ (m->rule[rule]->compiled, st->t, range, &st->occ, st->hits, spans,
                              error);
  if (st->lstamp[rule] != st->gen)
    list_kids (st, rule);
  const guint *kids = st->klist + m->kid_base[rule];
  guint n = st->klist_n[rule];
  if (n == 0)
    return FALSE; /* no kid can hold: what evaluating none returns */
  if (range->tok_from > 0 || range->tok_to < st->t->tokens->len)
    {
      /* A part of the text: only the kids that can hold in it. */
      const guint *slot_need = m->range_need + m->kid_base[rule];
      guint k = 0;
      for (guint i = 0; i < n; i++)
        if (slot_need[kids[i]] == G_MAXUINT || occurs_in (&st->occ, slot_need[kids[i]], range))
          st->kids[k++] = kids[i];
      if (k == 0)
        return FALSE;
      kids = st->kids;
      n = k;
    }
  return vb_rule_match_occ_kids (m->rule[rule]->compiled, st->t, range, &st->occ, kids, n,
                                 st->hits, spans, error);
}
