/* vb-coder-direct.c: see vb-coder-direct.h. */
#include "code/vb-coder-direct.h"
#include "codebook/vb-rule-private.h"
#include "base/vb-text.h"
#include "base/vb-buf.h"

#include <stdlib.h>
#include <string.h>

struct _VbDirect {
  VbMatcher *m;
  /* The rules lane (vb_direct_new_rules): rules are evaluated through
   * the matcher as the general path evaluates them, by their codes'
   * scopes; only reading and writing the row is the lane's own. */
  gboolean   rules;
  VbScope   *scope;      /* by rule: its code's scope (rules lane) */
  gboolean   any_clause;
  guint      n_fields;
  guint      n_codes;
  guint      n_rules;
  guint     *rule_code;  /* by rule: the code's position in the codebook */
  /* Pieces of the codes and codings columns, escaped as the writer
   * escapes the whole column (escaping goes byte by byte, so the pieces
   * of a column may be escaped one by one). */
  GString  **code_id;    /* by code: its id */
  GString  **source;     /* by rule: "/rule:NAME" with ';' made ',' */
  /* The words and phrases each pattern starts: ent[ent_off[p] ..
   * ent_off[p + 1]) */
  guint     *ent_off;
  gboolean   phrases;    /* some entry is more than one word */
  struct Entry {
    guint         rule;
    const VbNode *words;
  }         *ent;
};

/* A hit's fields packed so that comparing the two keys as numbers
 * compares by code, start, end and rule in that order. */
typedef struct {
  guint64 code_start; /* code << 32 | start */
  guint64 end_rule;   /* end << 32 | rule */
} Hit;

#define HIT_CODE(h)  ((guint) ((h)->code_start >> 32))
#define HIT_START(h) ((guint) (h)->code_start)
#define HIT_END(h)   ((guint) ((h)->end_rule >> 32))
#define HIT_RULE(h)  ((guint) (h)->end_rule)

/* A token of the text being coded. */
typedef struct {
  guint       start, end; /* code points */
  const char *norm;       /* its normal form, NUL-terminated */
  gsize       len;        /* strlen (norm) */
} Tok;

struct _VbDirectState {
  VbDirect *d;
  VbText   *text;
  VbMatchState *ms;     /* rules lane */
  GArray   *spans;      /* rules lane: VbSpan of one rule */
  GArray   *clauses;    /* rules lane: VbRange */
  GString  *unescaped;
  guint    *pats;  /* room for the patterns of one token */
  GString  *words; /* the normal forms of an ASCII text's tokens, one after the other */
  Tok      *toks;
  guint     n_toks, toks_cap;
  Hit      *hits;
  guint     n_hits, hits_cap;
};

/* ASCII letters and digits, lower-cased; 0 for every other byte. */
static char word_char[256];

static void
init_word_char (void)
{
  for (guint b = 0; b < 128; b++)
    if (g_ascii_isalnum ((char) b))
      word_char[b] = g_ascii_tolower ((char) b);
}

/* A rule the lane can take: words and phrases joined by OR, which holds
 * exactly where one of them occurs, with the spans of their occurrences.
 * A phrase could run across a sentence break: only at segment scope. */
static gboolean
is_direct (const VbNode *node, VbScope scope)
{
  if (node->kind == VB_NODE_WORDS)
    return node->n_words == 1 || scope == VB_SCOPE_SEGMENT;
  if (node->kind != VB_NODE_OR)
    return FALSE;
  for (guint i = 0; i < node->n_kids; i++)
    if (!is_direct (node->kids[i], scope))
      return FALSE;
  return TRUE;
}

/* Calls add for every words node under node (an OR tree). */
static void
each_words (const VbNode *node, guint rule, void (*add) (VbDirect *, guint, const VbNode *),
            VbDirect *d)
{
  if (node->kind == VB_NODE_WORDS)
    {
      add (d, rule, node);
      return;
    }
  for (guint i = 0; i < node->n_kids; i++)
    each_words (node->kids[i], rule, add, d);
}

static void
count_entry (VbDirect *d, guint rule, const VbNode *words)
{
  (void) rule;
  d->ent_off[words->words[0].pat + 1]++;
  if (words->n_words > 1)
    d->phrases = TRUE;
}

static void
fill_entry (VbDirect *d, guint rule, const VbNode *words)
{
  guint p = words->words[0].pat;
  /* ent_off[p] counts up as p's entries are filled (put back after). */
  d->ent[d->ent_off[p]++] = (struct Entry) { rule, words };
}

static GString *
escaped (const char *s)
{
  GString *out = g_string_new (NULL);
  vb_field_escape (out, s);
  return out;
}

/* The lane for cb's rules, all taken as words (rules FALSE) or all
 * evaluated (TRUE); NULL when r's header is not in the writer's order or
 * a code has document scope, which needs the whole document. */
static VbDirect *
direct_new (const VbCodebook *cb, VbMatcher *m, const VbStreamReader *r, gboolean rules)
{
  if (!vb_stream_reader_is_canonical (r))
    return NULL;
  guint n_rules = vb_matcher_n_rules (m);
  for (guint c = 0; c < vb_codebook_n_codes (cb); c++)
    if (vb_codebook_code (cb, c)->scope == VB_SCOPE_DOCUMENT)
      return NULL;

  static gsize table_made = 0;
  if (g_once_init_enter (&table_made))
    {
      init_word_char ();
      g_once_init_leave (&table_made, 1);
    }
  VbDirect *d = g_new0 (VbDirect, 1);
  d->m = vb_matcher_ref (m);
  d->rules = rules;
  d->scope = g_new0 (VbScope, MAX (n_rules, 1));
  for (guint g = 0; g < n_rules; g++)
    {
      d->scope[g] = vb_codebook_code (cb, vb_matcher_rule_code (m, g))->scope;
      if (d->scope[g] == VB_SCOPE_CLAUSE)
        d->any_clause = TRUE;
    }
  d->n_fields = vb_stream_reader_n_fields (r);
  d->n_codes = vb_codebook_n_codes (cb);
  d->n_rules = n_rules;
  d->code_id = g_new0 (GString *, MAX (d->n_codes, 1));
  for (guint c = 0; c < d->n_codes; c++)
    d->code_id[c] = escaped (vb_codebook_code (cb, c)->id);
  d->rule_code = g_new0 (guint, MAX (n_rules, 1));
  d->source = g_new0 (GString *, MAX (n_rules, 1));
  for (guint g = 0; g < n_rules; g++)
    {
      d->rule_code[g] = vb_matcher_rule_code (m, g);
      /* ';' separates codings, so the writer turns one in a source into ','. */
      g_autofree char *src = g_strconcat ("/rule:", vb_matcher_rule (m, g)->name, NULL);
      g_strdelimit (src, ";", ',');
      d->source[g] = escaped (src);
    }
  guint n_pats = vb_matcher_n_patterns (m);
  d->ent_off = g_new0 (guint, n_pats + 1);
  if (rules)
    {
      d->ent = g_new (struct Entry, 1);
      return d;
    }
  for (guint g = 0; g < n_rules; g++)
    each_words (vb_matcher_rule (m, g)->compiled->root, g, count_entry, d);
  for (guint p = 0; p < n_pats; p++)
    d->ent_off[p + 1] += d->ent_off[p];
  d->ent = g_new (struct Entry, MAX (d->ent_off[n_pats], 1));
  for (guint g = 0; g < n_rules; g++)
    each_words (vb_matcher_rule (m, g)->compiled->root, g, fill_entry, d);
  for (guint p = n_pats; p > 0; p--)
    d->ent_off[p] = d->ent_off[p - 1];
  d->ent_off[0] = 0;
  return d;
}

VbDirect *
vb_direct_new (const VbCodebook *cb, VbMatcher *m, const VbStreamReader *r)
{
  for (guint g = 0; g < vb_matcher_n_rules (m); g++)
    if (!is_direct (vb_matcher_rule (m, g)->compiled->root,
                    vb_codebook_code (cb, vb_matcher_rule_code (m, g))->scope))
      return NULL;
  return direct_new (cb, m, r, FALSE);
}

VbDirect *
vb_direct_new_rules (const VbCodebook *cb, VbMatcher *m, const VbStreamReader *r)
{
  return direct_new (cb, m, r, TRUE);
}

void
vb_direct_free (VbDirect *d)
{
  if (d == NULL)
    return;
  for (guint c = 0; c < d->n_codes; c++)
    g_string_free (d->code_id[c], TRUE);
  for (guint g = 0; g < d->n_rules; g++)
    g_string_free (d->source[g], TRUE);
  g_free (d->code_id);
  g_free (d->source);
  g_free (d->rule_code);
  g_free (d->scope);
  g_free (d->ent_off);
  g_free (d->ent);
  vb_matcher_unref (d->m);
  g_free (d);
}

VbDirectState *
vb_direct_state_new (VbDirect *d)
{
  VbDirectState *st = g_new0 (VbDirectState, 1);
  st->d = d;
  st->text = vb_text_new (NULL, 0);
  st->unescaped = g_string_new (NULL);
  st->pats = g_new (guint, vb_matcher_lookup_room (d->m));
  st->hits_cap = 64;
  st->hits = g_new (Hit, st->hits_cap);
  st->words = g_string_sized_new (1024);
  st->toks_cap = 256;
  st->toks = g_new (Tok, st->toks_cap);
  if (d->rules)
    {
      st->ms = vb_match_state_new (d->m);
      st->spans = g_array_new (FALSE, FALSE, sizeof (VbSpan));
      st->clauses = g_array_new (FALSE, FALSE, sizeof (VbRange));
    }
  return st;
}

void
vb_direct_state_free (VbDirectState *st)
{
  if (st == NULL)
    return;
  vb_text_free (st->text);
  g_string_free (st->unescaped, TRUE);
  g_free (st->pats);
  g_free (st->hits);
  g_string_free (st->words, TRUE);
  g_free (st->toks);
  vb_match_state_free (st->ms);
  if (st->spans != NULL)
    g_array_unref (st->spans);
  if (st->clauses != NULL)
    g_array_unref (st->clauses);
  g_free (st);
}

/* ---- is the row in the writer's form? ---- */

#define ONES  G_GUINT64_CONSTANT (0x0101010101010101)
#define HIGHS G_GUINT64_CONSTANT (0x8080808080808080)

/* Some byte of x is zero. */
static inline gboolean
has_zero (guint64 x)
{
  return ((x - ONES) & ~x & HIGHS) != 0;
}

/* How many bytes from s on are ASCII (and, when plain, neither NUL nor
 * CR), counted in whole words of eight bytes: the caller looks at the
 * rest byte by byte. */
static inline gsize
ascii_words (const char *s, gsize len, gboolean plain)
{
  gsize i = 0;
  for (; i + 8 <= len; i += 8)
    {
      guint64 x;
      memcpy (&x, s + i, 8);
      if ((x & HIGHS) || (plain && (has_zero (x) || has_zero (x ^ (ONES * '\r')))))
        break;
    }
  return i;
}

static gboolean
is_ascii (const char *s, gsize len)
{
  for (gsize i = ascii_words (s, len, FALSE); i < len; i++)
    if ((guchar) s[i] >= 0x80)
      return FALSE;
  return TRUE;
}

/* Valid UTF-8 without NUL or CR (the writer escapes a CR; the reader
 * only takes one off the line end), most of it read eight bytes at a
 * time; *ascii_to: where the first byte past ASCII is (len if none), so
 * that the text need not be read again to know it is ASCII. */
static gboolean
plain_text (const char *s, gsize len, gsize *ascii_to)
{
  gsize i = ascii_words (s, len, TRUE);
  *ascii_to = len;
  for (; i < len; i++)
    {
      guchar b = (guchar) s[i];
      if (b == '\0' || b == '\r')
        return FALSE;
      if (b >= 0x80)
        {
          *ascii_to = i;
          return g_utf8_validate_len (s + i, len - i, NULL)
                 && memchr (s + i, '\r', len - i) == NULL;
        }
    }
  return TRUE;
}

/* A number as the writer writes it: digits, no leading zero, at most max
 * (given as digits of the same width when the widths are equal). */
static gboolean
plain_number (const char *s, gsize n, const char *max)
{
  gsize w = strlen (max);
  if (n == 0 || n > w || (n > 1 && s[0] == '0'))
    return FALSE;
  for (gsize i = 0; i < n; i++)
    if (!g_ascii_isdigit (s[i]))
      return FALSE;
  return n < w || memcmp (s, max, n) <= 0;
}

static gboolean
is_word (const char *s, gsize n, const char *a, const char *b, const char *c)
{
  return (n == strlen (a) && memcmp (s, a, n) == 0) || (n == strlen (b) && memcmp (s, b, n) == 0)
         || (c != NULL && n == strlen (c) && memcmp (s, c, n) == 0);
}

/* The fields before the text: document segment speaker role phase start
 * end and the attributes, each written back as it was read (no escape in
 * them, numbers and names as the writer writes them).  head is the
 * bytes up to the tab before the text. */
static gboolean
plain_head (const VbDirect *d, const char *head, gsize n)
{
  if (memchr (head, '\\', n) != NULL)
    return FALSE;
  const char *f[8];
  gsize flen[7];
  const char *p = head, *end = head + n;
  guint k = 0;
  for (; k < 7; k++)
    {
      const char *tab = memchr (p, '\t', (gsize) (end - p));
      f[k] = p;
      flen[k] = (gsize) ((tab ? tab : end) - p);
      if (tab == NULL)
        break;
      p = tab + 1;
    }
  if (k < 6) /* fewer than the seven reserved fields */
    return FALSE;
  guint tabs = 6;
  if (k == 7)
    for (tabs = 7; (p = memchr (p, '\t', (gsize) (end - p))) != NULL; p++)
      tabs++;
  /* The text is the last field: the header's fields less one tab each
   * side of it. */
  if (tabs + 2 != d->n_fields)
    return FALSE;
  return plain_number (f[1], flen[1], "4294967295")
         && is_word (f[3], flen[3], "participant", "moderator", "interviewer")
         && is_word (f[4], flen[4], "spontaneous", "prompted", NULL)
         && plain_number (f[5], flen[5], "18446744073709551615")
         && plain_number (f[6], flen[6], "18446744073709551615");
}

/* ---- coding ---- */

static inline gboolean
hit_before (const Hit *a, const Hit *b)
{
  return a->code_start < b->code_start
         || (a->code_start == b->code_start && a->end_rule < b->end_rule);
}

static int
hit_compare (const void *a, const void *b)
{
  return hit_before (a, b) ? -1 : hit_before (b, a) ? 1 : 0;
}

/* In the general path's order: by code, start and end, and among equal
 * spans the earliest rule first, as its stable sort of hits added rule by
 * rule leaves them (that one is kept).  An answer has few hits: an
 * insertion sort is quickest there, and would be quadratic on a long one. */
static void
sort_hits (Hit *h, guint n)
{
  if (n > 64)
    {
      qsort (h, n, sizeof (Hit), hit_compare);
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

static inline void
add_hit (VbDirectState *st, guint rule, guint start, guint end)
{
  if (G_UNLIKELY (st->n_hits == st->hits_cap))
    {
      st->hits_cap *= 2;
      st->hits = g_renew (Hit, st->hits, st->hits_cap);
    }
  st->hits[st->n_hits++] = (Hit) { (guint64) st->d->rule_code[rule] << 32 | start,
                                   (guint64) end << 32 | rule };
}

/* The hits of the words and phrases starting at token i. */
static void
token_hits (VbDirectState *st, guint i)
{
  const VbDirect *d = st->d;
  const Tok *t = st->toks;
  guint np = vb_matcher_lookup (d->m, t[i].norm, t[i].len, st->pats);
  for (guint k = 0; k < np; k++)
    {
      guint p = st->pats[k];
      for (guint e = d->ent_off[p]; e < d->ent_off[p + 1]; e++)
        {
          const VbNode *w = d->ent[e].words;
          guint n = w->n_words;
          if (n > st->n_toks - i)
            continue;
          guint j = 1;
          while (j < n && vb_word_matches (&w->words[j], t[i + j].norm))
            j++;
          if (j == n)
            add_hit (st, d->ent[e].rule, t[i].start, t[i + n - 1].end);
        }
    }
}

static inline void
add_tok (VbDirectState *st, guint start, guint end, const char *norm, gsize len)
{
  if (G_UNLIKELY (st->n_toks == st->toks_cap))
    {
      st->toks_cap *= 2;
      st->toks = g_renew (Tok, st->toks, st->toks_cap);
    }
  st->toks[st->n_toks++] = (Tok) { start, end, norm, len };
}

static void
find_hits (VbDirectState *st)
{
  st->n_hits = 0;
  for (guint i = 0; i < st->n_toks; i++)
    token_hits (st, i);
}

/* The tokens of any text, through a VbText. */
static void
tokenize (VbDirectState *st, const char *text, gsize len)
{
  st->n_toks = 0;
  vb_text_set_tokens (st->text, text, (gssize) len);
  const VbToken *tok = (const VbToken *) (void *) st->text->tokens->data;
  for (guint i = 0; i < st->text->tokens->len; i++)
    add_tok (st, tok[i].start, tok[i].end, tok[i].norm, tok[i].norm_len);
}

/* The tokens of an ASCII text without a VbText, as vb-text.c makes them
 * (runs of letters and digits, with an apostrophe between two letters
 * kept inside), lower-cased as they are read, which is their normal form;
 * code points are bytes.  Without phrases, each token's hits are found as
 * soon as it is read, while it is still in the cache; returns whether
 * they were. */
static gboolean
tokenize_ascii (VbDirectState *st, const char *s, gsize len)
{
  gboolean now = !st->d->phrases;
  st->n_toks = 0;
  st->n_hits = 0;
  /* A token and its NUL take at most one byte more than the token. */
  if (st->words->allocated_len <= 2 * len + 1)
    g_string_set_size (st->words, 2 * len + 1);
  char *w = st->words->str;
  gsize i = 0, at = 0;
  while (i < len)
    {
      if (!g_ascii_isalnum (s[i]))
        {
          i++;
          continue;
        }
      gsize start = i, from = at;
      for (;;)
        {
          char c;
          for (; i < len && (c = word_char[(guchar) s[i]]) != 0; i++)
            w[at++] = c;
          if (i + 1 < len && s[i] == '\'' && g_ascii_isalpha (s[i - 1])
              && g_ascii_isalpha (s[i + 1]))
            {
              w[at++] = '\'';
              i++;
              continue;
            }
          break;
        }
      w[at++] = '\0';
      add_tok (st, (guint) start, (guint) i, w + from, at - 1 - from);
      if (now)
        token_hits (st, st->n_toks - 1);
    }
  return now;
}

/* The rules lane: the hits of the rules the scan wakes up over text
 * t[0, n), as vb-coder.c's code_segment_fast finds them (each rule over
 * its code's scope, spans clipped to the text); FALSE when a rule could
 * not be judged (a regex gave up), for the general path to report. */
static gboolean
rule_hits (VbDirectState *st, const char *t, gsize n)
{
  const VbDirect *d = st->d;
  VbText *text = st->text;
  vb_text_set (text, t, (gssize) n);
  if (d->any_clause)
    {
      g_array_set_size (st->clauses, 0);
      vb_text_clauses (text, st->clauses);
    }
  vb_match_state_scan (st->ms, text);
  guint n_woken;
  const guint *woken = vb_match_state_rules (st->ms, &n_woken);
  VbRange whole = vb_text_whole (text);
  guint len = text->n_cp;
  st->n_hits = 0;
  for (guint k = 0; k < n_woken; k++)
    {
      guint g = woken[k];
      GError *err = NULL;
      st->spans->len = 0;
      if (d->scope[g] == VB_SCOPE_SENTENCE || d->scope[g] == VB_SCOPE_CLAUSE)
        {
          const GArray *parts = d->scope[g] == VB_SCOPE_SENTENCE ? text->sentences : st->clauses;
          for (guint i = 0; i < parts->len && err == NULL; i++)
            vb_match_state_rule (st->ms, g, &g_array_index (parts, VbRange, i), st->spans, &err);
        }
      else
        vb_match_state_rule (st->ms, g, &whole, st->spans, &err);
      if (err != NULL)
        {
          g_error_free (err);
          return FALSE;
        }
      for (guint i = 0; i < st->spans->len; i++)
        {
          const VbSpan *sp = &g_array_index (st->spans, VbSpan, i);
          if (sp->end == 0 || sp->start >= len)
            continue;
          add_hit (st, g, sp->start, MIN (sp->end, len));
        }
    }
  return TRUE;
}

/* The codes and codings columns of the hits, each ending in a tab. */
static void
write_codes (const VbDirect *d, const Hit *h, guint n, GString *out)
{
  for (guint i = 0; i < n; i++)
    {
      if (i > 0 && HIT_CODE (&h[i]) == HIT_CODE (&h[i - 1]))
        continue;
      if (i > 0)
        vb_buf_append_len (out, ";", 1);
      const GString *id = d->code_id[HIT_CODE (&h[i])];
      vb_buf_append_len (out, id->str, id->len);
    }
  vb_buf_append_len (out, "\t", 1);
  gboolean first = TRUE;
  for (guint i = 0; i < n; i++)
    {
      if (i > 0 && h[i].code_start == h[i - 1].code_start
          && HIT_END (&h[i]) == HIT_END (&h[i - 1]))
        continue;
      const GString *id = d->code_id[HIT_CODE (&h[i])];
      const GString *src = d->source[HIT_RULE (&h[i])];
      gsize room = id->len + src->len + 24; /* ; @ - and two numbers */
      if (out->len + room >= out->allocated_len)
        {
          gsize at = out->len;
          g_string_set_size (out, at + room);
          out->len = at;
        }
      char *p = out->str + out->len;
      if (!first)
        *p++ = ';';
      first = FALSE;
      memcpy (p, id->str, id->len);
      p += id->len;
      *p++ = '@';
      p = vb_put_uint (p, HIT_START (&h[i]));
      *p++ = '-';
      p = vb_put_uint (p, HIT_END (&h[i]));
      memcpy (p, src->str, src->len);
      p += src->len;
      *p = '\0';
      out->len = (gsize) (p - out->str);
    }
  vb_buf_append_len (out, "\t", 1);
}

gboolean
vb_direct_code_line (VbDirectState *st, const char *line, gsize len, GString *out,
                     gboolean *coded)
{
  const VbDirect *d = st->d;
  const char *last_tab = memrchr (line, '\t', len);
  gsize ascii_to;
  if (last_tab == NULL || !plain_text (line, len, &ascii_to)
      || !plain_head (d, line, (gsize) (last_tab - line)))
    return FALSE;
  const char *text = last_tab + 1;
  gsize tlen = (gsize) (line + len - text);
  const char *t = text;
  gsize n_t = tlen;
  if (memchr (text, '\\', tlen) != NULL)
    {
      if (!vb_field_unescape (text, tlen, st->unescaped))
        return FALSE;
      t = st->unescaped->str;
      n_t = st->unescaped->len;
    }
  /* The text is ASCII when the line is, or when the first other byte is
   * before it and the text has none (unescaping keeps a text ASCII). */
  gboolean ascii = ascii_to == len || (ascii_to < (gsize) (text - line) && is_ascii (t, n_t));
  if (d->rules)
    {
      if (!rule_hits (st, t, n_t))
        return FALSE;
    }
  else if (!ascii)
    {
      tokenize (st, t, n_t);
      find_hits (st);
    }
  else if (!tokenize_ascii (st, t, n_t))
    find_hits (st);
  Hit *h = st->hits;
  guint n = st->n_hits;
  sort_hits (h, n);
  vb_buf_append_len (out, line, (gsize) (text - line));
  write_codes (d, h, n, out);
  vb_buf_append_len (out, text, tlen);
  vb_buf_append_len (out, "\n", 1);
  *coded = n > 0;
  return TRUE;
}
