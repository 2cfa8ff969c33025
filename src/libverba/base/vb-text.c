/* vb-text.c: tokens, sentences and normalisation of one text.
 *
 * Tokens.  A token is a maximal run of letters and digits
 * (g_unichar_isalnum) together with the combining marks (Mn, Mc, Me) that
 * follow them.  A combining mark that follows no letter or digit (after a
 * space, or on an emoji as a variation selector) has nothing to combine
 * with and belongs to no token.  An apostrophe (' or U+2019) stays inside a
 * token when it stands between two letters (don't, people's, l'été);
 * hyphens and everything else split.  Scripts written without spaces are
 * not segmented: a run of CJK ideographs or kana is one token.
 *
 * Sentences.  A sentence ends after a run of '.', '!' or '?' (with any
 * closing quotes or brackets right after it) when whitespace or the end of
 * the text follows, and at a blank line (two line breaks, \n, \r\n or \r,
 * with nothing but spaces or tabs between them).  A full stop followed by
 * a non-space, as in 3.5 or e.g., ends nothing; abbreviations followed by a
 * space ("Mr. Smith") do end a sentence.  Sentences never split a token and
 * never come out without tokens: breaks are only looked for between two
 * tokens, and the whitespace after a break goes with the sentence before
 * it, so each sentence after the first starts at the first non-space
 * character after its break.  The sentence ranges are contiguous and cover
 * every byte of the text; a text without tokens (even an empty one) has
 * exactly one sentence, with no tokens, covering the whole text.
 *
 * Offsets.  Code points are counted as g_utf8_strlen does (a CR is one).
 * Bytes that are not valid UTF-8 never belong to a token and count as one
 * code point each, so a bad byte cannot throw the offsets after it.
 *
 * The normalised forms of the tokens live one after the other in one
 * buffer owned by the VbText (while tokenising, the tokens hold offsets
 * into it, which may move as it grows; they become pointers at the end):
 * VbText values must come from vb_text_new and go to vb_text_free, and
 * token norms must not be freed on their own.  vb_text_set reuses a
 * VbText's buffers for another text, so coding a stream allocates nothing
 * per segment for its tokens. */
#include "base/vb-text.h"

#include <string.h>

typedef struct {
  VbText        pub; /* first, so that a VbText * is a VbTextPriv * */
  GString *norms;
  gboolean reference; /* no ASCII fast path (tests compare the two) */
  guint    tok_cap;   /* tokens the array has room for */
} VbTextPriv;

/* ---- normalisation ---- */

static char *normalize_unicode (const char *word, gsize n);

static gboolean
is_ascii (const char *s, gsize len)
{
  for (gsize i = 0; i < len; i++)
    if ((guchar) s[i] >= 0x80)
      return FALSE;
  return TRUE;
}

char *
vb_normalize (const char *word, gssize len)
{
  g_return_val_if_fail (word != NULL, NULL);

  gsize n = len < 0 ? strlen (word) : (gsize) len;
  if (is_ascii (word, n))
    return g_ascii_strdown (word, (gssize) n);
  return normalize_unicode (word, n);
}

/* The Unicode path of vb_normalize, which ASCII words skip. */
static char *
normalize_unicode (const char *word, gsize n)
{
  /* g_utf8_normalize returns NULL on invalid input: repair it first. */
  char *valid = NULL;
  if (!g_utf8_validate (word, (gssize) n, NULL))
    {
      valid = g_utf8_make_valid (word, (gssize) n);
      word = valid;
      n = strlen (valid);
    }

  char *nfkd = g_utf8_normalize (word, (gssize) n, G_NORMALIZE_NFKD);
  g_free (valid);
  if (nfkd == NULL)
    return g_strdup ("");

  /* Drop non-spacing marks and straighten typographic apostrophes, in
   * place: neither ever makes the string longer. */
  char *out = nfkd;
  const char *next;
  for (const char *p = nfkd; *p; p = next)
    {
      /* Read before writing: out may be at p. */
      gunichar c = g_utf8_get_char (p);
      next = g_utf8_next_char (p);
      if (g_unichar_type (c) == G_UNICODE_NON_SPACING_MARK)
        continue;
      if (c == 0x2019 || c == 0x2018)
        *out++ = '\'';
      else
        {
          memmove (out, p, (gsize) (next - p));
          out += next - p;
        }
    }
  *out = '\0';

  char *folded = g_utf8_casefold (nfkd, -1);
  g_free (nfkd);
  char *nfc = g_utf8_normalize (folded, -1, G_NORMALIZE_NFC);
  g_free (folded);
  return nfc != NULL ? nfc : g_strdup ("");
}

/* ---- scanning ---- */

/* The character at s[i] and its length in bytes.  An invalid or truncated
 * sequence yields U+FFFD for one byte. */
static inline gunichar
decode (const char *s, gsize i, gsize len, gsize *step)
{
  guchar b = (guchar) s[i];
  if (b < 0x80)
    {
      *step = 1;
      return b;
    }
  gunichar c = g_utf8_get_char_validated (s + i, (gssize) (len - i));
  if (c == (gunichar) -1 || c == (gunichar) -2)
    {
      *step = 1;
      return 0xFFFD;
    }
  *step = (gsize) (g_utf8_next_char (s + i) - (s + i));
  return c;
}

static inline gboolean
is_alnum (gunichar c)
{
  return c < 0x80 ? g_ascii_isalnum ((char) c) : g_unichar_isalnum (c);
}

static inline gboolean
is_alpha (gunichar c)
{
  return c < 0x80 ? g_ascii_isalpha ((char) c) : g_unichar_isalpha (c);
}

static inline gboolean
is_space (gunichar c)
{
  return c < 0x80 ? g_ascii_isspace ((char) c) : g_unichar_isspace (c);
}

static inline gboolean
is_apostrophe (gunichar c)
{
  return c == '\'' || c == 0x2019;
}

/* The tokens array has room for one more. */
static inline VbToken *
token_slot (VbTextPriv *priv)
{
  /* The array grows through GLib; filling the room it has is done here
   * (a call per token cost as much as the rest of the token). */
  GArray *a = priv->pub.tokens;
  if (G_UNLIKELY (a->len >= priv->tok_cap))
    {
      guint len = a->len;
      priv->tok_cap = MAX (64, len * 2);
      g_array_set_size (a, priv->tok_cap);
      g_array_set_size (a, len);
    }
  return &g_array_index (a, VbToken, a->len++);
}

/* The norms buffer has room for need bytes from w (the bytes before w
 * kept; its len is only set at the end). */
static inline void
norms_room (GString *g, gsize w, gsize need)
{
  if (G_UNLIKELY (w + need >= g->allocated_len))
    {
      g->len = w;
      g_string_set_size (g, w + need);
    }
}

/* ASCII letters and digits, lower-cased; 0 for every other byte. */
static const guchar ascii_word[256] = {
  0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
  0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
  0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
  0x30, 0x31, 0x32, 0x33, 0x34, 0x35, 0x36, 0x37, 0x38, 0x39, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
  0x00, 0x61, 0x62, 0x63, 0x64, 0x65, 0x66, 0x67, 0x68, 0x69, 0x6a, 0x6b, 0x6c, 0x6d, 0x6e, 0x6f,
  0x70, 0x71, 0x72, 0x73, 0x74, 0x75, 0x76, 0x77, 0x78, 0x79, 0x7a, 0x00, 0x00, 0x00, 0x00, 0x00,
  0x00, 0x61, 0x62, 0x63, 0x64, 0x65, 0x66, 0x67, 0x68, 0x69, 0x6a, 0x6b, 0x6c, 0x6d, 0x6e, 0x6f,
  0x70, 0x71, 0x72, 0x73, 0x74, 0x75, 0x76, 0x77, 0x78, 0x79, 0x7a, 0x00, 0x00, 0x00, 0x00, 0x00,
};

#define ONES  G_GUINT64_CONSTANT (0x0101010101010101)
#define HIGHS G_GUINT64_CONSTANT (0x8080808080808080)

/* The run of ASCII letters and digits at s[i] (one at least) written
 * lower-cased at d + *w: returns where it ends, *w moved past it.  Eight
 * bytes at a time while they last (little-endian machines), which may
 * write up to seven bytes past the run (the caller leaves room; what
 * follows overwrites them). */
static inline gsize
ascii_run (const guchar *s, gsize i, gsize len, char *d, gsize *w)
{
  gsize j = i;
#if G_BYTE_ORDER == G_LITTLE_ENDIAN
  while (j + 8 <= len)
    {
      guint64 x;
      memcpy (&x, s + j, 8);
      /* Byte by byte without carries: each byte's high bit is set where
       * the byte is at least 0x80 - c; bytes past ASCII are masked out
       * first, then counted as no letter. */
      guint64 x7 = x & ~HIGHS, l7 = x7 | (ONES * 0x20);
      guint64 letter = (l7 + ONES * (0x80 - 'a')) & ~(l7 + ONES * (0x80 - 'z' - 1));
      guint64 digit = (x7 + ONES * (0x80 - '0')) & ~(x7 + ONES * (0x80 - '9' - 1));
      guint64 upper = (x7 + ONES * (0x80 - 'A')) & ~(x7 + ONES * (0x80 - 'Z' - 1)) & HIGHS;
      guint64 stop = ~(letter | digit) & HIGHS;
      stop |= x & HIGHS;
      x |= upper >> 2;
      memcpy (d + *w, &x, 8);
      if (stop == 0)
        {
          *w += 8;
          j += 8;
          continue;
        }
      /* The first byte is the lowest. */
      gsize k = (gsize) __builtin_ctzll (stop) / 8;
      *w += k;
      return j + k;
    }
#endif
  guchar c;
  while (j < len && (c = ascii_word[s[j]]) != 0)
    {
      d[(*w)++] = (char) c;
      j++;
    }
  return j;
}

/* Ends the token s[tb, bend) whose norm starts at off in the norms and,
 * for a token of ASCII letters, digits and apostrophes, has been written
 * lower-cased up to *w as the bytes were read; any other token is
 * normalised from its bytes now, over what was written. */
static inline void
end_token (VbTextPriv *priv, gsize tb, gsize bend, guint tc, guint cp, gboolean ascii,
           gsize off, gsize *w)
{
  GString *g = priv->norms;
  if (!ascii)
    {
      char *norm = vb_normalize (priv->pub.text + tb, (gssize) (bend - tb));
      gsize n = strlen (norm);
      norms_room (g, off, n + 1);
      memcpy (g->str + off, norm, n);
      g_free (norm);
      *w = off + n;
    }
  g->str[*w] = '\0';
  *token_slot (priv) = (VbToken) { tb, bend, tc, cp, (char *) (guintptr) off, *w - off };
  ++*w;
}

/* The tokens, as tokenize_reference finds them, with an ASCII fast path:
 * a run of ASCII letters and digits is found and written lower-cased (its
 * normal form) in one pass through a table, where it was classified and
 * then copied; bytes past ASCII and apostrophes go the general way. */
#if defined(__GNUC__) && !defined(__clang__)
/* GCC 12 packed the loop's offsets into vector registers and unpacked them
 * a byte at a time. */
__attribute__ ((optimize ("no-tree-slp-vectorize")))
#endif
static void
tokenize (VbTextPriv *priv)
{
  const guchar *s = (const guchar *) priv->pub.text;
  gsize len = priv->pub.len;
  GString *g = priv->norms;
  gsize i = 0, w = 0, off = 0;
  /* The code point at i is i - extra (bytes after the first of a
   * character), so that ASCII bytes count nothing. */
  gsize extra = 0;

  gboolean in_tok = FALSE;
  gboolean ascii = TRUE;      /* the current token is plain ASCII */
  gboolean last_alpha = FALSE; /* its last base character is a letter */
  gsize tb = 0;
  guint tc = 0;

  while (i < len)
    {
      guchar b = s[i];
      guchar c = ascii_word[b];
      if (c != 0)
        {
          if (!in_tok)
            {
              in_tok = TRUE;
              ascii = TRUE;
              tb = i;
              tc = (guint) (i - extra);
              off = w;
              /* Written at most a byte a byte of the token and its NUL,
               * and seven bytes past them (ascii_run). */
              norms_room (g, w, len - i + 10);
            }
          gsize j = ascii_run (s, i, len, g->str, &w);
          last_alpha = ascii_word[s[j - 1]] >= 'a';
          i = j;
          continue;
        }
      if (b < 0x80 && b != '\'')
        {
          if (in_tok)
            {
              end_token (priv, tb, i, tc, (guint) (i - extra), ascii, off, &w);
              in_tok = FALSE;
            }
          i++;
          continue;
        }

      /* Past ASCII, or an apostrophe: as tokenize_reference. */
      gsize step;
      gunichar u = decode ((const char *) s, i, len, &step);

      if (is_alnum (u))
        {
          if (!in_tok)
            {
              in_tok = TRUE;
              tb = i;
              tc = (guint) (i - extra);
              off = w;
              norms_room (g, w, len - i + 10);
            }
          ascii = FALSE;
          last_alpha = is_alpha (u);
        }
      else if (in_tok && u >= 0x80 && g_unichar_ismark (u))
        {
          ascii = FALSE; /* a mark extends the token; last_alpha stays */
        }
      else if (in_tok && last_alpha && is_apostrophe (u) && i + step < len)
        {
          gsize nstep;
          gunichar next = decode ((const char *) s, i + step, len, &nstep);
          if (is_alpha (next))
            {
              if (u >= 0x80)
                ascii = FALSE;
              else
                g->str[w++] = '\'';
              last_alpha = FALSE; /* the letter after it sets it again */
            }
          else
            {
              end_token (priv, tb, i, tc, (guint) (i - extra), ascii, off, &w);
              in_tok = FALSE;
            }
        }
      else if (in_tok)
        {
          end_token (priv, tb, i, tc, (guint) (i - extra), ascii, off, &w);
          in_tok = FALSE;
        }

      i += step;
      extra += step - 1;
    }
  if (in_tok)
    end_token (priv, tb, i, tc, (guint) (i - extra), ascii, off, &w);
  norms_room (g, w, VB_TEXT_NORM_SLACK);
  g->len = w;
  priv->pub.n_cp = (guint) (i - extra);

  VbToken *tok = (VbToken *) (void *) priv->pub.tokens->data;
  for (guint k = 0; k < priv->pub.tokens->len; k++)
    tok[k].norm = g->str + (guintptr) tok[k].norm;
}

/* The reference tokeniser: every byte decoded and classified as Unicode,
 * every token normalised by the Unicode path. */
static void
emit_token_reference (VbTextPriv *priv, gsize bstart, gsize bend, guint start, guint end)
{
  gsize off = priv->norms->len;
  char *norm = normalize_unicode (priv->pub.text + bstart, bend - bstart);
  gsize n = strlen (norm);
  g_string_append_len (priv->norms, norm, (gssize) n);
  g_free (norm);
  g_string_append_c (priv->norms, '\0');
  *token_slot (priv) = (VbToken) { bstart, bend, start, end, (char *) (guintptr) off, n };
}

static void
tokenize_reference (VbTextPriv *priv)
{
  const char *s = priv->pub.text;
  gsize len = priv->pub.len;
  gsize i = 0;
  guint cp = 0;

  gboolean in_tok = FALSE;
  gboolean last_alpha = FALSE; /* the token's last base character is a letter */
  gsize tb = 0;
  guint tc = 0;

  while (i < len)
    {
      gsize step;
      gunichar c = decode (s, i, len, &step);

      if (is_alnum (c))
        {
          if (!in_tok)
            {
              in_tok = TRUE;
              tb = i;
              tc = cp;
            }
          last_alpha = is_alpha (c);
        }
      else if (in_tok && c >= 0x80 && g_unichar_ismark (c))
        {
          /* a mark extends the token; last_alpha stays */
        }
      else if (in_tok && last_alpha && is_apostrophe (c) && i + step < len)
        {
          gsize nstep;
          gunichar next = decode (s, i + step, len, &nstep);
          if (is_alpha (next))
            last_alpha = FALSE; /* the letter after it sets it again */
          else
            {
              emit_token_reference (priv, tb, i, tc, cp);
              in_tok = FALSE;
            }
        }
      else if (in_tok)
        {
          emit_token_reference (priv, tb, i, tc, cp);
          in_tok = FALSE;
        }

      i += step;
      cp++;
    }
  if (in_tok)
    emit_token_reference (priv, tb, i, tc, cp);
  priv->pub.n_cp = cp;
  gsize w = priv->norms->len;
  norms_room (priv->norms, w, VB_TEXT_NORM_SLACK);
  priv->norms->len = w;

  VbToken *tok = (VbToken *) (void *) priv->pub.tokens->data;
  for (guint k = 0; k < priv->pub.tokens->len; k++)
    tok[k].norm = priv->norms->str + (guintptr) tok[k].norm;
}

/* Line break at s[i]: its length in bytes, or 0. */
static gsize
line_break_at (const char *s, gsize i, gsize end)
{
  if (s[i] == '\n')
    return 1;
  if (s[i] == '\r')
    return (i + 1 < end && s[i + 1] == '\n') ? 2 : 1;
  return 0;
}

static gboolean
is_closer (gunichar c)
{
  if (c == '"' || c == '\'' || c == ')' || c == ']' || c == '}')
    return TRUE;
  if (c < 0x80)
    return FALSE;
  GUnicodeType t = g_unichar_type (c);
  return t == G_UNICODE_CLOSE_PUNCTUATION || t == G_UNICODE_FINAL_PUNCTUATION;
}

static gsize
skip_space (const char *s, gsize i, gsize end)
{
  while (i < end)
    {
      gsize step;
      gunichar c = decode (s, i, end, &step);
      if (!is_space (c))
        break;
      i += step;
    }
  return i;
}

#define NO_BREAK G_MAXSIZE

/* Where the gap s[from, to) between two tokens breaks a sentence: the
 * first non-space after the last break in it, or NO_BREAK. */
static gsize
find_break (const char *s, gsize from, gsize to)
{
  gsize brk = NO_BREAK;
  gsize i = from;

  while (i < to)
    {
      gsize step;
      gunichar c = decode (s, i, to, &step);

      if (c == '.' || c == '!' || c == '?')
        {
          while (i < to && (s[i] == '.' || s[i] == '!' || s[i] == '?'))
            i++;
          while (i < to)
            {
              c = decode (s, i, to, &step);
              if (!is_closer (c))
                break;
              i += step;
            }
          /* The gap ends where a token starts, so a terminator that runs
           * up to the end of the gap is followed by a letter or digit. */
          if (i < to)
            {
              c = decode (s, i, to, &step);
              if (is_space (c))
                brk = i = skip_space (s, i, to);
            }
          continue;
        }

      gsize nl = line_break_at (s, i, to);
      if (nl > 0)
        {
          i += nl;
          while (i < to && (s[i] == ' ' || s[i] == '\t'))
            i++;
          if (i < to && line_break_at (s, i, to) > 0)
            brk = i = skip_space (s, i, to);
          continue;
        }

      i += step;
    }
  return brk;
}

/* The bytes find_break acts on (all below 64): a gap without them breaks
 * nothing, and the scan of a gap can start at the first of them, as what
 * comes before it leaves the scan where it began. */
#define MAY_BREAK ((1ull << '.') | (1ull << '!') | (1ull << '?') | (1ull << '\n') | (1ull << '\r'))

static void
split_sentences (VbText *t, gboolean reference)
{
  const VbToken *tok = (const VbToken *) (void *) t->tokens->data;
  const guchar *s = (const guchar *) t->text;
  guint ntok = t->tokens->len;
  VbRange cur = { 0, 0, 0, 0 };

  for (guint k = 1; k < ntok; k++)
    {
      gsize from = tok[k - 1].bend, to = tok[k].bstart;
      if (!reference)
        {
          while (from < to && (s[from] >= 64 || !((MAY_BREAK >> s[from]) & 1)))
            from++;
          if (from == to)
            continue;
        }
      gsize b = find_break (t->text, from, to);
      if (b == NO_BREAK)
        continue;
      cur.tok_to = k;
      cur.byte_end = b;
      g_array_append_val (t->sentences, cur);
      cur.tok_from = k;
      cur.byte_start = b;
    }
  cur.tok_to = ntok;
  cur.byte_end = t->len;
  g_array_append_val (t->sentences, cur);
}

/* ---- public ---- */

VbText *
vb_text_new_reference (const char *text, gssize len)
{
  VbText *t = vb_text_new (NULL, 0);
  ((VbTextPriv *) t)->reference = TRUE;
  vb_text_set (t, text, len);
  return t;
}

VbText *
vb_text_new (const char *text, gssize len)
{
  g_return_val_if_fail (text != NULL || len == 0, NULL);

  VbTextPriv *priv = g_new0 (VbTextPriv, 1);
  VbText *t = &priv->pub;
  gsize n = text == NULL ? 0 : len < 0 ? strlen (text) : (gsize) len;
  /* Normalised forms take about as many bytes as the text. */
  priv->norms = g_string_sized_new (n + n / 4 + 64);
  t->tokens = g_array_sized_new (FALSE, FALSE, sizeof (VbToken),
                                 (guint) MIN (n / 5 + 4, G_MAXUINT / 2));
  t->sentences = g_array_new (FALSE, FALSE, sizeof (VbRange));
  vb_text_set (t, text, len);
  return t;
}

static void
text_reset (VbText *t, const char *text, gssize len)
{
  VbTextPriv *priv = (VbTextPriv *) t;
  t->text = text != NULL ? text : "";
  t->len = len < 0 ? strlen (t->text) : (gsize) len;
  t->n_cp = 0;
  g_string_truncate (priv->norms, 0);
  g_array_set_size (t->tokens, 0);
  g_array_set_size (t->sentences, 0);
  if (priv->reference)
    tokenize_reference (priv);
  else
    tokenize (priv);
}

void
vb_text_set (VbText *t, const char *text, gssize len)
{
  g_return_if_fail (t != NULL && (text != NULL || len == 0));

  text_reset (t, text, len);
  split_sentences (t, ((VbTextPriv *) t)->reference);
}

void
vb_text_set_tokens (VbText *t, const char *text, gssize len)
{
  g_return_if_fail (t != NULL && (text != NULL || len == 0));

  text_reset (t, text, len);
  VbRange whole = vb_text_whole (t);
  g_array_append_val (t->sentences, whole);
}

void
vb_text_free (VbText *t)
{
  if (t == NULL)
    return;
  VbTextPriv *priv = (VbTextPriv *) t;
  g_array_unref (t->tokens);
  g_array_unref (t->sentences);
  g_string_free (priv->norms, TRUE);
  g_free (priv);
}

/* A clause starts at token k inside its sentence. */
static gboolean
clause_cut (const VbText *t, const VbToken *tok, guint k)
{
  for (gsize b = tok[k - 1].bend; b < tok[k].bstart; b++)
    if (t->text[b] == ';' || t->text[b] == ':')
      return TRUE;
  static const char *const words[] = { "but", "however", "although", "whereas", "though",
                                       "yet" };
  const char *w = tok[k].norm;
  for (guint i = 0; i < G_N_ELEMENTS (words); i++)
    if (w[0] == words[i][0] && strcmp (w, words[i]) == 0)
      {
        if (w[0] != 'y')
          return TRUE;
        const char *p = tok[k - 1].norm;
        gsize n = strlen (p);
        return !(strcmp (p, "not") == 0 || strcmp (p, "never") == 0
                 || (n >= 3 && strcmp (p + n - 3, "n't") == 0));
      }
  return FALSE;
}

gboolean
vb_text_clause_starts (const VbText *t, guint k)
{
  g_return_val_if_fail (k > 0 && k < t->tokens->len, FALSE);
  const VbRange *s = (const VbRange *) (void *) t->sentences->data;
  guint lo = 0, hi = t->sentences->len; /* first sentence with tok_from >= k */
  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;
      if (s[mid].tok_from < k)
        lo = mid + 1;
      else
        hi = mid;
    }
  if (lo < t->sentences->len && s[lo].tok_from == k)
    return TRUE;
  return clause_cut (t, (const VbToken *) (void *) t->tokens->data, k);
}

void
vb_text_clauses (const VbText *t, GArray *out)
{
  const VbToken *tok = (const VbToken *) (void *) t->tokens->data;
  for (guint i = 0; i < t->sentences->len; i++)
    {
      VbRange cur = g_array_index (t->sentences, VbRange, i);
      gsize end = cur.byte_end;
      guint to = cur.tok_to;
      for (guint k = cur.tok_from + 1; k < to; k++)
        if (clause_cut (t, tok, k))
          {
            cur.tok_to = k;
            cur.byte_end = tok[k].bstart;
            g_array_append_val (out, cur);
            cur.tok_from = k;
            cur.byte_start = tok[k].bstart;
          }
      cur.tok_to = to;
      cur.byte_end = end;
      g_array_append_val (out, cur);
    }
}

VbRange
vb_text_whole (const VbText *t)
{
  VbRange r = { 0, t->tokens->len, 0, t->len };
  return r;
}

guint
vb_text_cp_at (const VbText *t, gsize b)
{
  g_return_val_if_fail (b <= t->len, 0);

  /* Start counting from the last token boundary at or before b. */
  const VbToken *tok = (const VbToken *) (void *) t->tokens->data;
  guint lo = 0, hi = t->tokens->len; /* first token with bstart > b */
  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;
      if (tok[mid].bstart <= b)
        lo = mid + 1;
      else
        hi = mid;
    }

  gsize i = 0;
  guint cp = 0;
  if (lo > 0)
    {
      const VbToken *k = &tok[lo - 1];
      if (k->bend <= b)
        {
          i = k->bend;
          cp = k->end;
        }
      else
        {
          i = k->bstart;
          cp = k->start;
        }
    }
  while (i < b)
    {
      gsize step;
      decode (t->text, i, t->len, &step);
      i += step;
      cp++;
    }
  return cp;
}
