/* vb-rule-parse.c: compiling rule expressions (see vb-rule.h) to a syntax
 * tree, and printing the tree back.
 *
 * Grammar, loosest first (juxtaposition is OR; a binary NOT is an AND
 * whose right side starts with NOT, so "a NOT b" is "a AND NOT b"):
 *
 *   or      := and { ["OR"] and }
 *   and     := near { "AND" near | near-starting-with-NOT }
 *   near    := unary { ("NEAR/n" | "BEFORE/n" | ("EXCEPT" | "UNDER") ["/n"]) unary }
 *                                            left-associative
 *   unary   := "NOT" unary | primary
 *   primary := word | stem* | "phrase" | /regex/flags | "NEG" | "(" or ")"
 *
 * Lexing.  Outside phrases and regexes, the expression is cut at
 * whitespace, parentheses and double quotes; a piece starting with '/' is
 * a regex.  AND, OR, NOT, NEAR/n, BEFORE/n, EXCEPT[/n], UNDER[/n] and NEG (upper
 * case) are keywords; NEG is the built-in list of negation cues.  Any other
 * piece, and the inside of a phrase, is tokenised exactly as text is
 * (vb_text_new), so it matches what the text tokeniser produces: a piece
 * the tokeniser splits in several tokens ("over-promise", "3.5") becomes a
 * phrase of them, and punctuation inside a phrase is ignored.  A '*' must
 * come straight after a word and end it.
 *
 * Limits.  Parentheses, unary NOTs and chained NEARs each nest the tree one
 * level deeper; more than VB_RULE_MAX_DEPTH levels is an error, found as
 * soon as the parser gets there, so the recursion stays shallow.
 *
 * Errors are reported from left to right: the lexer runs one token ahead of
 * the parser, so the first problem in the expression is the one reported. */
#include "codebook/vb-rule-private.h"
#include "base/vb-error.h"

#include <stdarg.h>
#include <string.h>

/* The largest n accepted in NEAR/n. */
#define VB_NEAR_MAX 100000

typedef enum {
  TK_EOF,
  TK_LPAREN,
  TK_RPAREN,
  TK_AND,
  TK_OR,
  TK_NOT,
  TK_NEAR,
  TK_BEFORE,
  TK_EXCEPT,
  TK_UNDER,
  TK_ATOM, /* word, stem*, phrase or regex: a ready VbNode */
} TokKind;

typedef struct {
  TokKind kind;
  guint   col;  /* 1-based code point column of its first character */
  guint   near; /* TK_NEAR, TK_BEFORE, TK_EXCEPT, TK_UNDER: the distance (0: none given) */
  VbNode *atom; /* TK_ATOM: owned by the token until taken */
} Tok;

typedef struct {
  const char *p;        /* next character to lex */
  guint       col;      /* its column */
  Tok         tok;      /* the lookahead token, when have_tok */
  gboolean    have_tok;
  const char *after;    /* the last token taken, for messages */
  gboolean    failed;
  GError    **error;
  VbText     *words;    /* tokenises each term (lex_words); made on first use */
} Parser;

static void fail (Parser *P, guint col, const char *fmt, ...) G_GNUC_PRINTF (3, 4);

static void
fail (Parser *P, guint col, const char *fmt, ...)
{
  if (P->failed)
    return;
  P->failed = TRUE;

  va_list ap;
  va_start (ap, fmt);
  char *msg = g_strdup_vprintf (fmt, ap);
  va_end (ap);
  g_set_error (P->error, VB_ERROR, VB_ERROR_RULE, "column %u: %s", col, msg);
  g_free (msg);
}

/* ---- nodes ---- */

void
vb_node_free (VbNode *node)
{
  if (node == NULL)
    return;
  for (guint i = 0; i < node->n_words; i++)
    g_free (node->words[i].norm);
  g_free (node->words);
  if (node->regex != NULL)
    g_regex_unref (node->regex);
  if (node->pcre != NULL && g_atomic_int_dec_and_test (&node->pcre->ref))
    {
      pcre2_code_free (node->pcre->code);
      g_free (node->pcre);
    }
  g_free (node->source);
  g_free (node->lit);
  g_strfreev (node->alts);
  g_free (node->alt_pats);
  for (guint i = 0; i < node->n_kids; i++)
    vb_node_free (node->kids[i]);
  g_free (node->kids);
  g_free (node);
}

static VbNode *
node_new (VbNodeKind kind)
{
  VbNode *node = g_new0 (VbNode, 1);
  node->kind = kind;
  return node;
}

static VbNode *
node_new_kids (VbNodeKind kind, VbNode *a, VbNode *b)
{
  VbNode *node = node_new (kind);
  node->n_kids = b != NULL ? 2 : 1;
  node->kids = g_new (VbNode *, node->n_kids);
  node->kids[0] = a;
  if (b != NULL)
    node->kids[1] = b;
  return node;
}

/* An AND or OR of the nodes in kids (which it takes), or the only node. */
static VbNode *
node_new_nary (VbNodeKind kind, GPtrArray *kids)
{
  if (kids->len == 1)
    {
      VbNode *only = g_ptr_array_steal_index (kids, 0);
      g_ptr_array_unref (kids);
      return only;
    }
  VbNode *node = node_new (kind);
  node->n_kids = kids->len;
  node->kids = (VbNode **) g_ptr_array_free (kids, FALSE);
  return node;
}

/* ---- lexing ---- */

static inline gboolean
is_delim (const char *p)
{
  return *p == '\0' || *p == '(' || *p == ')' || *p == '"'
    || g_unichar_isspace (g_utf8_get_char (p));
}

static inline void
advance (Parser *P)
{
  P->p = g_utf8_next_char (P->p);
  P->col++;
}

/* TRUE if norm, a word's normal form, is one word to the tokeniser, whose
 * normal form is itself.  Compatibility decompositions can put a
 * character the tokeniser splits at into a normal form: U+037A GREEK
 * YPOGEGRAMMENI becomes a space, the fraction in "N¾R" U+2044 FRACTION
 * SLASH.  A rule's word must print as what reads back as the same rule
 * (verba codebook show, convert), so such a word is refused with its
 * column (found by fuzz-rule).  Text is unaffected: its tokens are
 * normalised alike and only ever compared. */
static gboolean
reads_as_one_word (const char *norm)
{
  const char *c = norm;
  while (g_ascii_isalnum (*c) || *c == '\'')
    c++;
  if (*c == '\0' && norm[0] != '\'')
    return TRUE; /* the common case, without a tokeniser */
  g_autoptr (VbText) t = vb_text_new (norm, -1);
  const VbToken *tok = (const VbToken *) (void *) t->tokens->data;
  return t->tokens->len == 1 && tok[0].bstart == 0 && tok[0].bend == strlen (norm)
         && strcmp (tok[0].norm, norm) == 0;
}

/* The words of s[0, n) as the text tokeniser sees them, with their stars.
 * col: column of s[0]; item_col: column of the whole item, for errors that
 * concern all of it. */
static VbNode *
lex_words (Parser *P, const char *s, gsize n, guint col, guint item_col,
           gboolean quoted)
{
  /* One text for all the terms of a rule: a new one for each cost more
   * than tokenising the term (compiling the bundled codebooks makes
   * thousands). */
  if (P->words == NULL)
    P->words = vb_text_new (s, (gssize) n);
  else
    vb_text_set_tokens (P->words, s, (gssize) n);
  const VbText *t = P->words;
  const VbToken *tok = (const VbToken *) (void *) t->tokens->data;
  guint ntok = t->tokens->len;

  VbWord *words = g_new0 (VbWord, ntok);
  guint k = 0;
  for (gsize o = 0; o < n && !P->failed; o++)
    {
      if (s[o] != '*')
        continue;
      while (k < ntok && tok[k].bend < o)
        k++;
      guint star_col = col + vb_text_cp_at (t, o);
      if (k == ntok || tok[k].bend != o)
        fail (P, star_col, "'*' must follow a word, as in transparen*");
      else if (o + 1 < n && g_unichar_isalnum (g_utf8_get_char (s + o + 1)))
        fail (P, star_col, "'*' is only allowed at the end of a word");
      else
        words[k].prefix = TRUE;
    }
  if (ntok == 0 && !P->failed)
    {
      if (quoted)
        fail (P, item_col, "empty phrase");
      else
        fail (P, item_col, "nothing to match in '%.*s': a word needs a letter or digit",
              (int) n, s);
    }
  for (guint i = 0; i < ntok && !P->failed; i++)
    {
      if (tok[i].norm[0] == '\0')
        fail (P, col + tok[i].start, "nothing to match in '%.*s'",
              (int) (tok[i].bend - tok[i].bstart), s + tok[i].bstart);
      else if (!reads_as_one_word (tok[i].norm))
        fail (P, col + tok[i].start,
              "'%.*s' normalises to '%s', which does not read back as one word "
              "(match it with a regex)",
              (int) (tok[i].bend - tok[i].bstart), s + tok[i].bstart, tok[i].norm);
      words[i].norm = g_strdup (tok[i].norm);
      words[i].len = strlen (tok[i].norm);
    }
  VbNode *node = node_new (VB_NODE_WORDS);
  node->words = words;
  node->n_words = ntok;
  node->quoted = quoted;
  if (P->failed)
    {
      vb_node_free (node);
      return NULL;
    }
  return node;
}

static gboolean
lex_phrase (Parser *P, Tok *out)
{
  guint qcol = P->col;
  advance (P);
  const char *start = P->p;
  guint ccol = P->col;
  while (*P->p != '\0' && *P->p != '"')
    advance (P);
  if (*P->p == '\0')
    {
      fail (P, qcol, "unterminated phrase");
      return FALSE;
    }
  const char *end = P->p;
  advance (P);
  out->kind = TK_ATOM;
  out->atom = lex_words (P, start, (gsize) (end - start), ccol, qcol, TRUE);
  return out->atom != NULL;
}


/* The end of the group opening at pat[0] ('('), or NULL if it does not
 * close or holds a group other than (…), (?:…) and assertions: a
 * backtracking verb ((*…)), a callout ((?C…)), a comment or option
 * setting, whose parentheses or effects this does not follow; likewise
 * \Q…\E.  Escapes and character classes are stepped over, so their
 * parentheses do not count. */
static const char *
group_end (const char *pat)
{
  guint depth = 0;
  for (const char *p = pat; *p != '\0'; p++)
    {
      if (*p == '\\')
        {
          if (*++p == '\0' || *p == 'Q')
            return NULL;
        }
      else if (*p == '[')
        {
          p++;
          if (*p == '^')
            p++;
          if (*p == ']')
            p++; /* a ']' first in a class is a character */
          for (; *p != ']'; p++)
            {
              if (*p == '\0')
                return NULL;
              if (*p == '\\' && (*++p == '\0' || *p == 'Q'))
                return NULL;
              else if (*p == '[' && p[1] == ':')
                {
                  const char *e = strstr (p + 2, ":]");
                  if (e == NULL)
                    return NULL;
                  p = e + 1;
                }
            }
        }
      else if (*p == '(')
        {
          if (p[1] == '*')
            return NULL;
          if (p[1] == '?' && p[2] != ':' && p[2] != '=' && p[2] != '!'
              && !(p[2] == '<' && (p[3] == '=' || p[3] == '!')))
            return NULL;
          depth++;
        }
      else if (*p == ')' && --depth == 0)
        return p + 1;
    }
  return NULL;
}

/* A lookbehind of one character class, (?<![a-z0-9]) say, the group
 * s[0, n) is: it fails at most bytes of a word and costs one comparison. */
static gboolean
one_class_lookbehind (const char *s, gsize n)
{
  if (n < 6 || s[n - 2] != ']' || s[4] != '[')
    return FALSE;
  const char *p = s + 5;
  if (*p == '^')
    p++;
  if (*p == ']')
    p++;
  for (; p < s + n - 2; p++)
    if (*p == ']' || *p == '[' || (*p == '\\' && ++p >= s + n - 2))
      return FALSE; /* the class ends early, or holds [:alpha:]: not one class */
  return TRUE;
}

/* pat with the one-class lookbehinds among the lookbehinds it opens with
 * moved before the others, or NULL when there is none to move.  PCRE tries
 * a pattern's leading assertions in order at every start its first
 * characters allow: (?<!to be )…(?<![a-z0-9])honest tried all of them at
 * every h in a word before the one that fails there.  Assertions at one
 * position are tests of the text, so their order does not change what
 * matches; a moved group holds no parentheses (no capture to renumber), and
 * a run holding a verb or callout is left alone. */
char *
vb_regex_lookbehinds_first (const char *pat)
{
  g_autoptr (GString) simple = g_string_new (NULL);
  g_autoptr (GString) other = g_string_new (NULL);
  const char *p = pat;
  while (p[0] == '(' && p[1] == '?' && p[2] == '<' && (p[3] == '!' || p[3] == '='))
    {
      const char *e = group_end (p);
      if (e == NULL)
        return NULL;
      if (one_class_lookbehind (p, (gsize) (e - p)))
        g_string_append_len (simple, p, e - p);
      else
        g_string_append_len (other, p, e - p);
      p = e;
    }
  /* A quantifier after the run belongs to its last group, which moving
   * would change. */
  if (strchr ("*+?{", *p) != NULL && *p != '\0')
    return NULL;
  /* Nothing to move: no one-class lookbehind, or they all come first. */
  if (simple->len == 0 || other->len == 0
      || strncmp (pat, simple->str, simple->len) == 0)
    return NULL;
  return g_strconcat (simple->str, other->str, p, NULL);
}

/* p at a class's '[': the ']' that closes it, or NULL.  A ']' first
 * (after an optional '^') is literal, and [:name:] holds a ']'. */
static const char *
class_end (const char *p)
{
  p++;
  if (*p == '^')
    p++;
  if (*p == ']')
    p++;
  while (*p && *p != ']')
    {
      if (p[0] == '[' && p[1] == ':')
        {
          const char *e = strstr (p + 2, ":]");
          if (e == NULL)
            return NULL;
          p = e + 1;
        }
      p++;
    }
  return *p ? p : NULL;
}

/* The longest run of plain characters standing at the top level of pat,
 * outside any group, class or alternation and not made optional by a
 * quantifier: every match contains it.  Anything the scan cannot be sure
 * of (escapes, inline options, top-level |) gives NULL, which only costs
 * speed: the matcher then runs the regex without looking first. */
static char *
regex_literal (const char *pat)
{
  if (strchr (pat, '\\') != NULL)
    return NULL;
  GString *best = g_string_new (NULL), *run = g_string_new (NULL);
  int depth = 0;
  for (const char *p = pat; *p; p++)
    {
      char c = *p;
      if (c == '[')
        {
          if ((p = class_end (p)) == NULL)
            goto fail;
          c = ']';
        }
      else if (c == '{')
        {
          /* A counted quantifier {n,m}: its digits are not text. */
          const char *e = strchr (p, '}');
          if (e == NULL)
            goto fail;
          p = e;
          c = '}';
        }
      else if (c == '(')
        {
          if (p[1] == '?' && !(p[2] == ':' || p[2] == '=' || p[2] == '!'
                               || (p[2] == '<' && (p[3] == '=' || p[3] == '!'))))
            goto fail; /* inline options, named groups, recursion… */
          depth++;
        }
      else if (c == ')')
        depth--;
      else if (c == '|' && depth == 0)
        goto fail;
      gboolean plain = depth == 0 && (g_ascii_isalnum (c) || c == ' ');
      gboolean optional = p[1] == '?' || p[1] == '*' || p[1] == '+' || p[1] == '{';
      if (plain && !optional)
        g_string_append_c (run, c);
      if (!plain || optional)
        {
          if (run->len > best->len)
            g_string_assign (best, run->str);
          g_string_truncate (run, 0);
        }
    }
  if (run->len > best->len)
    g_string_assign (best, run->str);
  g_string_free (run, TRUE);
  if (best->len == 0)
    {
      g_string_free (best, TRUE);
      return NULL;
    }
  return g_string_free (best, FALSE);

fail:
  g_string_free (run, TRUE);
  g_string_free (best, TRUE);
  return NULL;
}

/* When pat has no literal regex_literal can vouch for: the alternatives of
 * a group at the top level, "(?:lie|lies|lying)" or "(lie|lies)", when
 * they are all plain characters and the group is not made optional, so
 * that every match holds one of them.  NULL when there is no such group
 * (escapes, inline options, top-level |), which only costs speed. */
static char **
regex_alternatives (const char *pat)
{
  if (strchr (pat, '\\') != NULL)
    return NULL;
  const char *group = NULL; /* the first plain group at the top level */
  int depth = 0;
  for (const char *p = pat; *p; p++)
    {
      if (*p == '[')
        {
          if ((p = class_end (p)) == NULL)
            return NULL;
          continue;
        }
      if (*p == '|' && depth == 0)
        return NULL;
      if (*p == ')')
        depth--;
      if (*p != '(')
        continue;
      if (p[1] == '?' && !(p[2] == ':' || p[2] == '=' || p[2] == '!'
                           || (p[2] == '<' && (p[3] == '=' || p[3] == '!'))))
        return NULL; /* inline options, named groups, recursion… */
      /* Only a group that is part of the match: not a lookaround. */
      if (depth++ > 0 || group != NULL || (p[1] == '?' && p[2] != ':'))
        continue;
      const char *body = p[1] == '?' ? p + 3 : p + 1;
      const char *end = body;
      while (*end && (g_ascii_isalnum (*end) || *end == ' ' || *end == '|'))
        end++;
      if (*end == ')' && end > body && end[1] != '?' && end[1] != '*' && end[1] != '{')
        group = p;
    }
  if (group == NULL)
    return NULL;
  const char *body = group[1] == '?' ? group + 3 : group + 1;
  g_autofree char *inside = g_strndup (body, (gsize) (strchr (body, ')') - body));
  char **alts = g_strsplit (inside, "|", -1);
  for (guint i = 0; alts[i] != NULL; i++)
    if (alts[i][0] == '\0')
      {
        g_strfreev (alts);
        return NULL;
      }
  return alts;
}


static VbPcre *pcre_for (const char *pattern, gboolean case_sensitive);
static gboolean uses_backslash_c (const char *pattern, gboolean case_sensitive);

static gboolean
lex_regex (Parser *P, Tok *out)
{
  guint rcol = P->col;
  advance (P);
  const char *start = P->p;
  g_autoptr (GString) pat = g_string_new (NULL);

  for (;;)
    {
      if (*P->p == '\0')
        {
          fail (P, rcol, "unterminated regex");
          return FALSE;
        }
      if (*P->p == '/')
        break;
      if (*P->p == '\\' && P->p[1] == '/')
        {
          g_string_append_c (pat, '/');
          advance (P);
          advance (P);
          continue;
        }
      if (*P->p == '\\' && P->p[1] != '\0')
        {
          /* Keep the escape and what it escapes, so that \\ is not taken
           * for the start of \/. */
          g_string_append_c (pat, '\\');
          advance (P);
        }
      const char *c = P->p;
      advance (P);
      g_string_append_len (pat, c, P->p - c);
    }
  char *source = g_strndup (start, (gsize) (P->p - start));
  advance (P);

  gboolean case_sensitive = FALSE;
  while (!is_delim (P->p))
    {
      if (*P->p == 'c')
        case_sensitive = TRUE;
      else
        {
          const char *c = P->p;
          fail (P, P->col, "unknown regex flag '%.*s' (the only flag is c, for case-sensitive)",
                (int) (g_utf8_next_char (c) - c), c);
          g_free (source);
          return FALSE;
        }
      advance (P);
    }

  if (pat->len == 0)
    {
      fail (P, rcol, "empty regex");
      g_free (source);
      return FALSE;
    }

  /* Before GRegex, whose JIT gives up on \C with a debug message. */
  if (uses_backslash_c (pat->str, case_sensitive))
    {
      fail (P, rcol, "bad regex: \\C (one byte) is not allowed: it can match part of a "
            "character");
      g_free (source);
      return FALSE;
    }

  GError *err = NULL;
  GRegexCompileFlags flags = G_REGEX_OPTIMIZE;
  if (!case_sensitive)
    flags |= G_REGEX_CASELESS;
  g_autofree char *limited = g_strdup_printf ("(*LIMIT_MATCH=%d)%s", VB_REGEX_MATCH_LIMIT,
                                              pat->str);
  GRegex *regex = g_regex_new (limited, flags, 0, &err);
  if (regex == NULL)
    {
      /* Compiled again for a message about what was written; if that
       * compiles, the limit is what failed, and the pattern never runs
       * without it. */
      GError *plain_err = NULL;
      GRegex *plain = g_regex_new (pat->str, flags, 0, &plain_err);
      fail (P, rcol, "bad regex: %s", plain ? err->message : plain_err->message);
      if (plain)
        g_regex_unref (plain);
      g_clear_error (&plain_err);
      g_error_free (err);
      g_free (source);
      return FALSE;
    }

  g_autofree char *reordered = vb_regex_lookbehinds_first (pat->str);
  if (reordered != NULL)
    {
      /* Compiled as written first, so that errors speak of that; the
       * reordered form matches the same and must compile too. */
      g_autofree char *lim = g_strdup_printf ("(*LIMIT_MATCH=%d)%s", VB_REGEX_MATCH_LIMIT,
                                              reordered);
      GRegex *quick = g_regex_new (lim, flags, 0, NULL);
      if (quick != NULL)
        {
          g_regex_unref (regex);
          regex = quick;
        }
    }

  VbNode *node = node_new (VB_NODE_REGEX);
  node->regex = regex;
  node->pcre = pcre_for (g_regex_get_pattern (regex), case_sensitive);
  node->source = source;
  node->case_sensitive = case_sensitive;
  node->lit = regex_literal (pat->str);
  if (node->lit == NULL)
    node->alts = regex_alternatives (pat->str);
  if (node->alts != NULL)
    {
      node->n_alts = g_strv_length (node->alts);
      node->alt_pats = g_new0 (guint, node->n_alts);
    }
  out->kind = TK_ATOM;
  out->atom = node;
  return TRUE;
}

/* TRUE if pattern uses \C, one code unit (FALSE if it does not compile
 * for another reason, which GRegex then reports): in UTF-8 it
 * can match the first byte of a character, and a search for the next
 * match would then start inside it, which PCRE2 refuses: a span cut in a
 * character, and a rule that held or not as its spans were wanted or not
 * (found by fuzz-rule).  PCRE2 tells \C from \\C. */
static gboolean
uses_backslash_c (const char *pattern, gboolean case_sensitive)
{
  if (strstr (pattern, "\\C") == NULL)
    return FALSE;
  int code;
  PCRE2_SIZE at;
  pcre2_code *re = pcre2_compile ((PCRE2_SPTR) pattern, PCRE2_ZERO_TERMINATED,
                                  PCRE2_UTF | PCRE2_UCP | PCRE2_NEVER_BACKSLASH_C
                                  | (case_sensitive ? 0 : PCRE2_CASELESS), &code, &at, NULL);
  if (re != NULL)
    {
      pcre2_code_free (re);
      return FALSE;
    }
  return code == PCRE2_ERROR_BACKSLASH_C_CALLER_DISABLED;
}

/* The pattern GRegex compiled (pattern, caseless unless case_sensitive)
 * compiled by PCRE2 as GLib 2.74 compiles it (UTF, Unicode properties for
 * \w, \d and \b, any newline, \R any Unicode newline; G_REGEX_OPTIMIZE:
 * JIT), for matching without a GMatchInfo a search (vb-rule-match.c);
 * /rule/regex/pcre in tests/test-rule.c holds the two to the same matches.
 * NULL when it gets no JIT code ((*NO_JIT), say): such a regex is matched
 * through GRegex, as before. */
static VbPcre *
pcre_for (const char *pattern, gboolean case_sensitive)
{
  int code;
  PCRE2_SIZE at;
  pcre2_compile_context *cc = pcre2_compile_context_create (NULL);
  pcre2_set_newline (cc, PCRE2_NEWLINE_ANY);
  pcre2_set_bsr (cc, PCRE2_BSR_UNICODE);
  pcre2_code *re = pcre2_compile ((PCRE2_SPTR) pattern, PCRE2_ZERO_TERMINATED,
                                  PCRE2_UTF | PCRE2_UCP | (case_sensitive ? 0 : PCRE2_CASELESS),
                                  &code, &at, cc);
  pcre2_compile_context_free (cc);
  if (re == NULL)
    return NULL;
  size_t jit = 0;
  if (pcre2_jit_compile (re, PCRE2_JIT_COMPLETE) != 0
      || pcre2_pattern_info (re, PCRE2_INFO_JITSIZE, &jit) != 0 || jit == 0)
    {
      pcre2_code_free (re);
      return NULL;
    }
  VbPcre *p = g_new (VbPcre, 1);
  p->ref = 1;
  p->code = re;
  return p;
}

/* NEAR/n, BEFORE/n, EXCEPT/n, UNDER/n: s[0, n) is the whole piece,
 * starting with the keyword kw; EXCEPT and UNDER may come without a
 * distance (near 0). */
static gboolean
lex_near (Parser *P, Tok *out, const char *s, gsize n, guint col, TokKind kind,
          const char *kw)
{
  gsize k = strlen (kw);
  out->kind = kind;
  if ((kind == TK_EXCEPT || kind == TK_UNDER) && n == k)
    {
      out->near = 0;
      return TRUE;
    }
  if (n <= k + 1) /* "NEAR" or "NEAR/" */
    {
      fail (P, col, "%s needs a distance, as in %s/5", kw, kw);
      return FALSE;
    }
  guint64 v = 0;
  for (gsize i = k + 1; i < n; i++)
    {
      if (!g_ascii_isdigit (s[i]))
        {
          fail (P, col, "%s distance must be a whole number, as in %s/5", kw, kw);
          return FALSE;
        }
      if (v <= VB_NEAR_MAX)
        v = v * 10 + (guint64) (s[i] - '0');
    }
  if (v == 0)
    {
      fail (P, col, "%s distance must be at least 1, as in %s/5", kw, kw);
      return FALSE;
    }
  if (v > VB_NEAR_MAX)
    {
      fail (P, col, "%s distance must be at most %d", kw, VB_NEAR_MAX);
      return FALSE;
    }
  out->near = (guint) v;
  return TRUE;
}

/* The negation cues NEG stands for (man/verba-codebook.5), as rule words. */
static const char *const neg_cues[] = {
  "not", "no", "never", "cannot", "nor", "neither", "without", "hardly", "scarcely", "barely",
  "unable", "\"far from\"", "\"no longer\"", "can't", "don't", "doesn't", "didn't", "won't",
  "wouldn't", "isn't", "aren't", "wasn't", "weren't", "shouldn't", "couldn't", "haven't",
  "hasn't", "hadn't", "mustn't", "needn't", "shan't",
};

static VbNode *
neg_node (Parser *P, guint col)
{
  GPtrArray *kids = g_ptr_array_new_with_free_func ((GDestroyNotify) vb_node_free);
  for (guint i = 0; i < G_N_ELEMENTS (neg_cues); i++)
    {
      const char *c = neg_cues[i];
      gboolean quoted = c[0] == '"';
      gsize n = strlen (c);
      VbNode *w = quoted ? lex_words (P, c + 1, n - 2, col, col, TRUE)
                         : lex_words (P, c, n, col, col, FALSE);
      g_ptr_array_add (kids, w);
    }
  VbNode *node = node_new_nary (VB_NODE_OR, kids);
  node->neg = TRUE;
  return node;
}

/* Lexes the next token into out; FALSE (with the error set) on failure. */
static gboolean
lex (Parser *P, Tok *out)
{
  while (*P->p != '\0' && g_unichar_isspace (g_utf8_get_char (P->p)))
    advance (P);

  memset (out, 0, sizeof *out);
  out->col = P->col;
  switch (*P->p)
    {
    case '\0':
      out->kind = TK_EOF;
      return TRUE;
    case '(':
      out->kind = TK_LPAREN;
      advance (P);
      return TRUE;
    case ')':
      out->kind = TK_RPAREN;
      advance (P);
      return TRUE;
    case '"':
      return lex_phrase (P, out);
    case '/':
      return lex_regex (P, out);
    default:
      break;
    }

  const char *start = P->p;
  while (!is_delim (P->p))
    advance (P);
  gsize n = (gsize) (P->p - start);

  if (n == 3 && memcmp (start, "AND", 3) == 0)
    out->kind = TK_AND;
  else if (n == 2 && memcmp (start, "OR", 2) == 0)
    out->kind = TK_OR;
  else if (n == 3 && memcmp (start, "NOT", 3) == 0)
    out->kind = TK_NOT;
  else if ((n == 4 && memcmp (start, "NEAR", 4) == 0)
           || (n >= 5 && memcmp (start, "NEAR/", 5) == 0))
    return lex_near (P, out, start, n, out->col, TK_NEAR, "NEAR");
  else if ((n == 6 && memcmp (start, "BEFORE", 6) == 0)
           || (n >= 7 && memcmp (start, "BEFORE/", 7) == 0))
    return lex_near (P, out, start, n, out->col, TK_BEFORE, "BEFORE");
  else if ((n == 6 && memcmp (start, "EXCEPT", 6) == 0)
           || (n >= 7 && memcmp (start, "EXCEPT/", 7) == 0))
    return lex_near (P, out, start, n, out->col, TK_EXCEPT, "EXCEPT");
  else if ((n == 5 && memcmp (start, "UNDER", 5) == 0)
           || (n >= 6 && memcmp (start, "UNDER/", 6) == 0))
    return lex_near (P, out, start, n, out->col, TK_UNDER, "UNDER");
  else if (n == 3 && memcmp (start, "NEG", 3) == 0)
    {
      out->kind = TK_ATOM;
      out->atom = neg_node (P, out->col);
    }
  else
    {
      out->kind = TK_ATOM;
      out->atom = lex_words (P, start, n, out->col, out->col, FALSE);
      return out->atom != NULL;
    }
  return TRUE;
}

static const char *
tok_name (TokKind kind)
{
  switch (kind)
    {
    case TK_EOF: return "end of rule";
    case TK_LPAREN: return "'('";
    case TK_RPAREN: return "')'";
    case TK_AND: return "AND";
    case TK_OR: return "OR";
    case TK_NOT: return "NOT";
    case TK_NEAR: return "NEAR";
    case TK_BEFORE: return "BEFORE";
    case TK_EXCEPT: return "EXCEPT";
    case TK_UNDER: return "UNDER";
    case TK_ATOM: return "word";
    }
  return "?";
}

/* The lookahead token, lexed if need be; NULL on a lexing error. */
static Tok *
peek (Parser *P)
{
  if (!P->have_tok)
    {
      if (!lex (P, &P->tok))
        return NULL;
      P->have_tok = TRUE;
    }
  return &P->tok;
}

/* Consumes the lookahead token; its atom now belongs to the caller. */
static void
take (Parser *P)
{
  P->after = tok_name (P->tok.kind);
  P->have_tok = FALSE;
  P->tok.atom = NULL;
}

static gboolean
check_depth (Parser *P, guint depth, guint col)
{
  if (depth <= VB_RULE_MAX_DEPTH)
    return TRUE;
  fail (P, col, "rule nested more than %d levels deep", VB_RULE_MAX_DEPTH);
  return FALSE;
}

/* ---- parsing ---- */

static VbNode *parse_or (Parser *P, guint depth);

static VbNode *
parse_primary (Parser *P, guint depth)
{
  Tok *t = peek (P);
  if (t == NULL)
    return NULL;

  switch (t->kind)
    {
    case TK_ATOM:
      {
        VbNode *atom = t->atom;
        take (P);
        return atom;
      }
    case TK_LPAREN:
      {
        guint col = t->col;
        take (P);
        if (!check_depth (P, depth + 1, col))
          return NULL;
        VbNode *inner = parse_or (P, depth + 1);
        if (inner == NULL)
          return NULL;
        t = peek (P);
        if (t == NULL || t->kind != TK_RPAREN)
          {
            if (t != NULL)
              fail (P, t->col, "expected ')' to close '(' at column %u", col);
            vb_node_free (inner);
            return NULL;
          }
        take (P);
        return inner;
      }
    case TK_EOF:
      fail (P, t->col, "expected a word, phrase, regex or '(' after %s", P->after);
      return NULL;
    case TK_RPAREN:
    case TK_AND:
    case TK_OR:
    case TK_NOT:
    case TK_NEAR:
    case TK_BEFORE:
    case TK_EXCEPT:
    case TK_UNDER:
    default:
      fail (P, t->col, "unexpected %s", tok_name (t->kind));
      return NULL;
    }
}

static VbNode *
parse_unary (Parser *P, guint depth)
{
  Tok *t = peek (P);
  if (t == NULL)
    return NULL;
  if (t->kind != TK_NOT)
    return parse_primary (P, depth);

  guint col = t->col;
  take (P);
  if (!check_depth (P, depth + 1, col))
    return NULL;
  VbNode *kid = parse_unary (P, depth + 1);
  return kid != NULL ? node_new_kids (VB_NODE_NOT, kid, NULL) : NULL;
}

static VbNode *
parse_near (Parser *P, guint depth)
{
  VbNode *left = parse_unary (P, depth);
  guint chain = 0;

  while (left != NULL)
    {
      Tok *t = peek (P);
      if (t == NULL)
        break;
      if (t->kind != TK_NEAR && t->kind != TK_BEFORE && t->kind != TK_EXCEPT
          && t->kind != TK_UNDER)
        return left;
      guint col = t->col, near = t->near;
      VbNodeKind kind = t->kind == TK_NEAR ? VB_NODE_NEAR
                        : t->kind == TK_BEFORE ? VB_NODE_BEFORE
                        : t->kind == TK_EXCEPT ? VB_NODE_EXCEPT : VB_NODE_UNDER;
      take (P);
      chain++;
      if (!check_depth (P, depth + chain, col))
        break;
      VbNode *right = parse_unary (P, depth + chain);
      if (right == NULL)
        break;
      left = node_new_kids (kind, left, right);
      left->near = near;
    }
  vb_node_free (left);
  return NULL;
}

static VbNode *
parse_and (Parser *P, guint depth)
{
  VbNode *first = parse_near (P, depth);
  if (first == NULL)
    return NULL;
  GPtrArray *kids = g_ptr_array_new_with_free_func ((GDestroyNotify) vb_node_free);
  g_ptr_array_add (kids, first);

  for (;;)
    {
      Tok *t = peek (P);
      if (t == NULL)
        break;
      if (t->kind == TK_AND)
        take (P);
      else if (t->kind != TK_NOT) /* a NOT here is "AND NOT" */
        return node_new_nary (VB_NODE_AND, kids);
      VbNode *next = parse_near (P, depth);
      if (next == NULL)
        break;
      g_ptr_array_add (kids, next);
    }
  g_ptr_array_unref (kids);
  return NULL;
}

static VbNode *
parse_or (Parser *P, guint depth)
{
  VbNode *first = parse_and (P, depth);
  if (first == NULL)
    return NULL;
  GPtrArray *kids = g_ptr_array_new_with_free_func ((GDestroyNotify) vb_node_free);
  g_ptr_array_add (kids, first);

  for (;;)
    {
      Tok *t = peek (P);
      if (t == NULL)
        break;
      if (t->kind == TK_OR)
        take (P);
      else if (t->kind != TK_ATOM && t->kind != TK_LPAREN) /* juxtaposition */
        return node_new_nary (VB_NODE_OR, kids);
      VbNode *next = parse_and (P, depth);
      if (next == NULL)
        break;
      g_ptr_array_add (kids, next);
    }
  g_ptr_array_unref (kids);
  return NULL;
}

/* ---- public ---- */

/* Sets VbNode.has_regex below node; TRUE if node has one. */
static gboolean
mark_regexes (VbNode *node)
{
  gboolean any = node->kind == VB_NODE_REGEX;
  for (guint i = 0; i < node->n_kids; i++)
    any |= mark_regexes (node->kids[i]);
  node->has_regex = any;
  return any;
}

VbRule *
vb_rule_compile (const char *expr, GError **error)
{
  g_return_val_if_fail (expr != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  const char *bad;
  if (!g_utf8_validate (expr, -1, &bad))
    {
      g_set_error (error, VB_ERROR, VB_ERROR_RULE, "column %ld: not valid UTF-8",
                   g_utf8_pointer_to_offset (expr, bad) + 1);
      return NULL;
    }

  Parser P = { .p = expr, .col = 1, .after = "", .error = error };
  VbNode *root = NULL;
  Tok *t = peek (&P);
  if (t != NULL && t->kind == TK_EOF)
    fail (&P, 1, "empty rule");
  else if (t != NULL)
    root = parse_or (&P, 0);

  if (root != NULL)
    {
      t = peek (&P);
      if (t != NULL && t->kind != TK_EOF)
        fail (&P, t->col, "unexpected %s", tok_name (t->kind));
    }
  if (P.have_tok)
    vb_node_free (P.tok.atom);
  g_clear_pointer (&P.words, vb_text_free);
  if (P.failed)
    {
      vb_node_free (root);
      return NULL;
    }

  mark_regexes (root);
  VbRule *rule = g_new0 (VbRule, 1);
  rule->root = root;
  return rule;
}

/* The copy of node as vb_rule_compile made it: the numbers the codebook
 * matcher gives (VbWord.pat, need_pat, lit_pat, alt_pats) are left as
 * compiling leaves them, as the copy will have a matcher of its own. */
static VbNode *
node_copy (const VbNode *node)
{
  VbNode *n = node_new (node->kind);
  n->n_words = node->n_words;
  n->quoted = node->quoted;
  if (node->n_words > 0)
    {
      n->words = g_new0 (VbWord, node->n_words);
      for (guint i = 0; i < node->n_words; i++)
        {
          n->words[i].norm = g_strdup (node->words[i].norm);
          n->words[i].len = node->words[i].len;
          n->words[i].prefix = node->words[i].prefix;
        }
    }
  /* A GRegex is not changed by matching, and may be shared. */
  n->regex = node->regex != NULL ? g_regex_ref (node->regex) : NULL;
  n->pcre = node->pcre;
  if (n->pcre != NULL)
    g_atomic_int_inc (&n->pcre->ref);
  n->source = g_strdup (node->source);
  n->case_sensitive = node->case_sensitive;
  n->lit = g_strdup (node->lit);
  n->alts = g_strdupv (node->alts);
  n->n_alts = node->n_alts;
  if (node->alt_pats != NULL)
    n->alt_pats = g_new0 (guint, node->n_alts);
  n->n_kids = node->n_kids;
  n->near = node->near;
  n->neg = node->neg;
  n->has_regex = node->has_regex;
  if (node->n_kids > 0)
    {
      n->kids = g_new (VbNode *, node->n_kids);
      for (guint i = 0; i < node->n_kids; i++)
        n->kids[i] = node_copy (node->kids[i]);
    }
  return n;
}

VbRule *
vb_rule_copy (const VbRule *rule)
{
  g_return_val_if_fail (rule != NULL, NULL);
  VbRule *copy = g_new0 (VbRule, 1);
  copy->root = node_copy (rule->root);
  return copy;
}

void
vb_rule_free (VbRule *rule)
{
  if (rule == NULL)
    return;
  vb_node_free (rule->root);
  g_free (rule);
}

static void
print_node (GString *s, const VbNode *node)
{
  switch (node->kind)
    {
    case VB_NODE_WORDS:
      {
        gboolean quote = node->quoted || node->n_words > 1;
        if (quote)
          g_string_append_c (s, '"');
        for (guint i = 0; i < node->n_words; i++)
          {
            if (i > 0)
              g_string_append_c (s, ' ');
            g_string_append (s, node->words[i].norm);
            if (node->words[i].prefix)
              g_string_append_c (s, '*');
          }
        if (quote)
          g_string_append_c (s, '"');
        break;
      }
    case VB_NODE_REGEX:
      g_string_append_printf (s, "/%s/%s", node->source,
                              node->case_sensitive ? "c" : "");
      break;
    case VB_NODE_NOT:
      g_string_append (s, "(NOT ");
      print_node (s, node->kids[0]);
      g_string_append_c (s, ')');
      break;
    case VB_NODE_AND:
    case VB_NODE_OR:
      if (node->neg)
        {
          g_string_append (s, "NEG");
          break;
        }
      g_string_append_c (s, '(');
      for (guint i = 0; i < node->n_kids; i++)
        {
          if (i > 0)
            g_string_append (s, node->kind == VB_NODE_AND ? " AND " : " OR ");
          print_node (s, node->kids[i]);
        }
      g_string_append_c (s, ')');
      break;
    case VB_NODE_NEAR:
    case VB_NODE_BEFORE:
    case VB_NODE_EXCEPT:
    case VB_NODE_UNDER:
      {
        const char *op = node->kind == VB_NODE_NEAR ? "NEAR"
                         : node->kind == VB_NODE_BEFORE ? "BEFORE"
                         : node->kind == VB_NODE_EXCEPT ? "EXCEPT" : "UNDER";
        g_string_append_c (s, '(');
        print_node (s, node->kids[0]);
        if (node->near == 0)
          g_string_append_printf (s, " %s ", op);
        else
          g_string_append_printf (s, " %s/%u ", op, node->near);
      }
      print_node (s, node->kids[1]);
      g_string_append_c (s, ')');
      break;
    }
}

char *
vb_rule_to_string (const VbRule *rule)
{
  g_return_val_if_fail (rule != NULL, NULL);
  GString *s = g_string_new (NULL);
  print_node (s, rule->root);
  return g_string_free (s, FALSE);
}
