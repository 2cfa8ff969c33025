#include "learn/vb-features.h"
#include "base/vb-error.h"
#include "base/vb-stem.h"
#include "base/vb-text.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
  guint at, len;
} Span;

struct _VbFeaturizer {
  VbFeatureSettings   s;
  VbText             *text;
  VbStemmer          *stemmer;
  /* " tok tok … tok " (so a word, a pair and a padded token are each a
   * run of it), then the stems and rule codes: every feature's bytes. */
  GString            *buf;
  GArray             *toks;    /* Span: each token's norm in buf */
  GArray             *cp;      /* guint: code point starts of a padded token */
  VbFeature          *feats;   /* distinct, n_feats of them (room for cap) */
  guint               n_feats, cap;
  /* Counting: open addressing over 1 + index into feats, at most half
   * full; slot_of[i]: feats[i]'s slot, to empty it for the next segment. */
  guint              *slots;
  guint               bits;
  guint              *slot_of;
  GHashTable         *order_table; /* see vb_featurizer_table_order */
  GArray             *order;
  guint32             h_w, h_p, h_c, h_s, h_r; /* the hash of each prefix */
};

void
vb_feature_settings_init (VbFeatureSettings *s)
{
  memset (s, 0, sizeof *s);
  s->words = TRUE;
  s->pairs = TRUE;
  s->char_min = 2;
  s->char_max = 5;
  s->min_df = 2;
}

void
vb_feature_settings_clear (VbFeatureSettings *s)
{
  g_clear_pointer (&s->stems, g_free);
}

char *
vb_feature_settings_format (const VbFeatureSettings *s)
{
  GString *out = g_string_new (NULL);
  if (s->words)
    g_string_append (out, " words");
  if (s->pairs)
    g_string_append (out, " pairs");
  if (s->char_max)
    g_string_append_printf (out, " chars=%u-%u", s->char_min, s->char_max);
  if (s->stems)
    g_string_append_printf (out, " stems=%s", s->stems);
  if (s->rules)
    g_string_append (out, " rules");
  g_string_append_printf (out, " min-df=%u", s->min_df);
  g_string_erase (out, 0, 1);
  return g_string_free (out, FALSE);
}

gboolean
vb_feature_settings_parse (VbFeatureSettings *s, const char *text, GError **error)
{
  VbFeatureSettings r = { 0 };
  g_auto (GStrv) items = g_strsplit (text, " ", -1);
  for (guint i = 0; items[i]; i++)
    {
      const char *it = items[i];
      char *end = NULL;
      if (*it == '\0')
        continue;
      if (strcmp (it, "words") == 0)
        r.words = TRUE;
      else if (strcmp (it, "pairs") == 0)
        r.pairs = TRUE;
      else if (strcmp (it, "rules") == 0)
        r.rules = TRUE;
      else if (g_str_has_prefix (it, "stems=") && it[6])
        {
          g_free (r.stems);
          r.stems = g_strdup (it + 6);
        }
      else if (g_str_has_prefix (it, "chars=")
               && (r.char_min = (guint) strtoul (it + 6, &end, 10), *end == '-')
               && (r.char_max = (guint) strtoul (end + 1, &end, 10), *end == '\0')
               && r.char_min >= 1 && r.char_min <= r.char_max && r.char_max <= 16)
        ;
      else if (g_str_has_prefix (it, "min-df=")
               && (r.min_df = (guint) strtoul (it + 7, &end, 10), *end == '\0' && it[7]))
        ;
      else
        {
          g_free (r.stems);
          g_set_error (error, VB_ERROR, VB_ERROR_PARSE,
                       "feature setting '%s' is not one of words, pairs, chars=MIN-MAX, "
                       "stems=LANGUAGE, rules, min-df=N", it);
          return FALSE;
        }
    }
  if (!r.words && !r.pairs && !r.char_max && !r.stems && !r.rules)
    {
      g_free (r.stems);
      g_set_error (error, VB_ERROR, VB_ERROR_PARSE, "no features: give at least one group");
      return FALSE;
    }
  vb_feature_settings_clear (s);
  *s = r;
  return TRUE;
}

gboolean
vb_feature_settings_equal (const VbFeatureSettings *a, const VbFeatureSettings *b)
{
  return a->words == b->words && a->pairs == b->pairs && a->char_min == b->char_min
         && a->char_max == b->char_max && g_strcmp0 (a->stems, b->stems) == 0
         && a->rules == b->rules && a->min_df == b->min_df;
}

/* g_str_hash carried on over more bytes: the hash of a feature from its
 * prefix's and its bytes, as GLib computes it (bytes as signed char). */
static inline guint32
hash_more (guint32 h, const char *p, gsize len)
{
  for (gsize i = 0; i < len; i++)
    h = (h << 5) + h + (signed char) p[i];
  return h;
}

static guint
feature_hash (gconstpointer p)
{
  return ((const VbFeature *) p)->hash;
}

VbFeaturizer *
vb_featurizer_new (const VbFeatureSettings *s, GError **error)
{
  VbStemmer *stemmer = NULL;
  if (s->stems && (stemmer = vb_stemmer_new (s->stems, error)) == NULL)
    return NULL;
  VbFeaturizer *f = g_new0 (VbFeaturizer, 1);
  f->s = *s;
  f->s.stems = g_strdup (s->stems);
  f->stemmer = stemmer;
  f->text = vb_text_new ("", 0);
  f->buf = g_string_new (NULL);
  f->toks = g_array_new (FALSE, FALSE, sizeof (Span));
  f->cp = g_array_new (FALSE, FALSE, sizeof (guint));
  f->bits = 8;
  f->slots = g_new0 (guint, 1u << f->bits);
  f->order_table = g_hash_table_new (feature_hash, g_direct_equal);
  f->order = g_array_new (FALSE, FALSE, sizeof (guint));
  /* 5381: where g_str_hash starts. */
  f->h_w = hash_more (5381, "w:", 2);
  f->h_p = hash_more (5381, "p:", 2);
  f->h_c = hash_more (5381, "c:", 2);
  f->h_s = hash_more (5381, "s:", 2);
  f->h_r = hash_more (5381, "r:", 2);
  return f;
}

void
vb_featurizer_free (VbFeaturizer *f)
{
  if (f == NULL)
    return;
  vb_feature_settings_clear (&f->s);
  vb_stemmer_free (f->stemmer);
  vb_text_free (f->text);
  g_string_free (f->buf, TRUE);
  g_array_unref (f->toks);
  g_array_unref (f->cp);
  g_free (f->feats);
  g_free (f->slots);
  g_free (f->slot_of);
  g_hash_table_unref (f->order_table);
  g_array_unref (f->order);
  g_free (f);
}

static inline guint
home (guint32 hash, guint bits)
{
  /* Spread: g_str_hash's low bits vary little between similar grams. */
  return (guint) ((hash * 2654435769u) >> (32 - bits));
}

static void
place (VbFeaturizer *f, guint idx)
{
  guint mask = (1u << f->bits) - 1;
  guint i = home (f->feats[idx].hash, f->bits);
  while (f->slots[i])
    i = (i + 1) & mask;
  f->slots[i] = idx + 1;
  f->slot_of[idx] = i;
}

static void
grow (VbFeaturizer *f)
{
  g_free (f->slots);
  f->bits++;
  f->slots = g_new0 (guint, 1u << f->bits);
  for (guint i = 0; i < f->n_feats; i++)
    place (f, i);
}

/* Counts the feature group:buf[at, at + len); once: a second sighting
 * does not add (rule codes). */
static void
count (VbFeaturizer *f, char group, guint32 prefix_hash, guint at, guint len, gboolean once)
{
  const char *bytes = f->buf->str + at;
  guint32 hash = hash_more (prefix_hash, bytes, len);
  guint mask = (1u << f->bits) - 1;
  for (guint i = home (hash, f->bits); f->slots[i]; i = (i + 1) & mask)
    {
      VbFeature *x = &f->feats[f->slots[i] - 1];
      if (x->hash == hash && x->group == group && x->len == len
          && memcmp (f->buf->str + x->at, bytes, len) == 0)
        {
          x->count += !once;
          return;
        }
    }
  if (f->n_feats == f->cap)
    {
      f->cap = f->cap ? 2 * f->cap : 256;
      f->feats = g_renew (VbFeature, f->feats, f->cap);
      f->slot_of = g_renew (guint, f->slot_of, f->cap);
    }
  f->feats[f->n_feats++] = (VbFeature) { hash, 1, at, len, group };
  if (2 * f->n_feats > mask + 1)
    grow (f);
  else
    place (f, f->n_feats - 1);
}

/* Character n-grams of the padded token buf[from, to), by code points. */
static void
count_chars (VbFeaturizer *f, guint from, guint to)
{
  g_array_set_size (f->cp, to - from + 1);
  guint *cp = (guint *) f->cp->data;
  guint n = 0;
  const char *buf = f->buf->str;
  for (const char *p = buf + from; p < buf + to; p = g_utf8_next_char (p))
    cp[n++] = (guint) (p - buf);
  cp[n] = to;
  for (guint len = f->s.char_min; len <= f->s.char_max; len++)
    for (guint k = 0; k + len <= n; k++)
      count (f, 'c', f->h_c, cp[k], cp[k + len] - cp[k], FALSE);
}

const VbFeature *
vb_featurizer_count (VbFeaturizer *f, const VbSegment *seg, guint *n)
{
  for (guint i = 0; i < f->n_feats; i++)
    f->slots[f->slot_of[i]] = 0;
  f->n_feats = 0;
  vb_text_set (f->text, seg->text, -1);
  const GArray *toks = f->text->tokens;
  g_string_assign (f->buf, " ");
  g_array_set_size (f->toks, toks->len);
  Span *tok = (Span *) f->toks->data;
  for (guint i = 0; i < toks->len; i++)
    {
      tok[i].at = (guint) f->buf->len;
      g_string_append (f->buf, g_array_index (toks, VbToken, i).norm);
      tok[i].len = (guint) f->buf->len - tok[i].at;
      g_string_append_c (f->buf, ' ');
    }
  for (guint s = 0; s < f->text->sentences->len; s++)
    {
      const VbRange *r = &g_array_index (f->text->sentences, VbRange, s);
      for (guint i = r->tok_from; i < r->tok_to; i++)
        {
          if (f->s.words)
            count (f, 'w', f->h_w, tok[i].at, tok[i].len, FALSE);
          /* "a b": the two tokens and the one space between them. */
          if (f->s.pairs && i + 1 < r->tok_to)
            count (f, 'p', f->h_p, tok[i].at, tok[i + 1].at + tok[i + 1].len - tok[i].at, FALSE);
          /* " a ": the token and the spaces either side. */
          if (f->s.char_max)
            count_chars (f, tok[i].at - 1, tok[i].at + tok[i].len + 1);
          if (f->stemmer)
            {
              gsize slen = 0;
              const char *st = vb_stemmer_stem (f->stemmer, g_array_index (toks, VbToken, i).norm,
                                                &slen);
              if (st)
                {
                  guint from = (guint) f->buf->len;
                  g_string_append_len (f->buf, st, (gssize) slen);
                  count (f, 's', f->h_s, from, (guint) slen, FALSE);
                }
            }
        }
    }
  if (f->s.rules && seg->codings)
    for (guint i = 0; i < seg->codings->len; i++)
      {
        const VbCoding *c = &g_array_index (seg->codings, VbCoding, i);
        if (!g_str_has_prefix (c->source, "rule:"))
          continue;
        guint from = (guint) f->buf->len;
        g_string_append (f->buf, c->code);
        /* One hit a code: how many rules fired says little more. */
        count (f, 'r', f->h_r, from, (guint) f->buf->len - from, TRUE);
      }
  *n = f->n_feats;
  return f->feats;
}

const char *
vb_featurizer_bytes (const VbFeaturizer *f)
{
  return f->buf->str;
}

char *
vb_feature_string (const VbFeaturizer *f, const VbFeature *x)
{
  char *s = g_malloc (x->len + 3);
  s[0] = x->group;
  s[1] = ':';
  memcpy (s + 2, f->buf->str + x->at, x->len);
  s[x->len + 2] = '\0';
  return s;
}

const guint *
vb_featurizer_table_order (VbFeaturizer *f)
{
  /* Hashed as their strings were, the features land where their strings
   * did: GLib's table places by hash alone, and distinct features are
   * distinct strings, each equal only to itself (g_direct_equal). */
  GHashTable *t = f->order_table;
  g_hash_table_remove_all (t);
  const VbFeature *feats = f->feats;
  for (guint i = 0; i < f->n_feats; i++)
    g_hash_table_add (t, (gpointer) &feats[i]);
  g_array_set_size (f->order, 0);
  GHashTableIter it;
  gpointer key;
  g_hash_table_iter_init (&it, t);
  while (g_hash_table_iter_next (&it, &key, NULL))
    {
      guint i = (guint) ((const VbFeature *) key - feats);
      g_array_append_val (f->order, i);
    }
  return (const guint *) f->order->data;
}

double
vb_tfidf (guint tf, double idf)
{
  return (1.0 + log ((double) tf)) * idf;
}

double
vb_idf (guint n_docs, guint df)
{
  return log ((1.0 + n_docs) / (1.0 + df)) + 1.0;
}
