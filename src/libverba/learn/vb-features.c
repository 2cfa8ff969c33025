#include "learn/vb-features.h"
#include "base/vb-error.h"
#include "base/vb-stem.h"
#include "base/vb-text.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

struct _VbFeaturizer {
  VbFeatureSettings   s;
  VbText             *text;
  VbStemmer          *stemmer;
  GHashTable         *counts; /* char* (in chunk) -> count */
  GStringChunk       *chunk;  /* the keys of counts, cleared for each segment */
  GString            *key;
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
  f->counts = g_hash_table_new (g_str_hash, g_str_equal);
  f->chunk = g_string_chunk_new (4096);
  f->key = g_string_new (NULL);
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
  g_hash_table_unref (f->counts);
  g_string_chunk_free (f->chunk);
  g_string_free (f->key, TRUE);
  g_free (f);
}

static void
count_key (VbFeaturizer *f)
{
  gpointer old_key, old_val;
  if (g_hash_table_lookup_extended (f->counts, f->key->str, &old_key, &old_val))
    g_hash_table_insert (f->counts, old_key, GUINT_TO_POINTER (GPOINTER_TO_UINT (old_val) + 1));
  else
    g_hash_table_insert (f->counts, g_string_chunk_insert_len (f->chunk, f->key->str,
                                                               (gssize) f->key->len),
                         GUINT_TO_POINTER (1));
}

static void
count (VbFeaturizer *f, const char *prefix, const char *a, gssize alen)
{
  g_string_assign (f->key, prefix);
  g_string_append_len (f->key, a, alen);
  count_key (f);
}

/* Character n-grams of " token ", by code points. */
static void
count_chars (VbFeaturizer *f, const char *norm)
{
  g_autofree char *padded = g_strconcat (" ", norm, " ", NULL);
  glong n = g_utf8_strlen (padded, -1);
  /* Offsets of each code point, and one past the end. */
  g_autofree const char **at = g_new (const char *, n + 1);
  glong i = 0;
  for (const char *p = padded;; p = g_utf8_next_char (p))
    {
      at[i++] = p;
      if (*p == '\0')
        break;
    }
  for (guint len = f->s.char_min; len <= f->s.char_max; len++)
    for (glong k = 0; k + (glong) len <= n; k++)
      count (f, "c:", at[k], at[k + len] - at[k]);
}

GHashTable *
vb_featurizer_count (VbFeaturizer *f, const VbSegment *seg)
{
  g_hash_table_remove_all (f->counts);
  g_string_chunk_clear (f->chunk);
  vb_text_set (f->text, seg->text, -1);
  const GArray *toks = f->text->tokens;
  for (guint s = 0; s < f->text->sentences->len; s++)
    {
      const VbRange *r = &g_array_index (f->text->sentences, VbRange, s);
      for (guint i = r->tok_from; i < r->tok_to; i++)
        {
          const char *norm = g_array_index (toks, VbToken, i).norm;
          if (f->s.words)
            count (f, "w:", norm, -1);
          if (f->s.pairs && i + 1 < r->tok_to)
            {
              g_string_assign (f->key, "p:");
              g_string_append (f->key, norm);
              g_string_append_c (f->key, ' ');
              g_string_append (f->key, g_array_index (toks, VbToken, i + 1).norm);
              count_key (f);
            }
          if (f->s.char_max)
            count_chars (f, norm);
          if (f->stemmer)
            {
              gsize len = 0;
              const char *st = vb_stemmer_stem (f->stemmer, norm, &len);
              if (st)
                count (f, "s:", st, len);
            }
        }
    }
  if (f->s.rules && seg->codings)
    for (guint i = 0; i < seg->codings->len; i++)
      {
        const VbCoding *c = &g_array_index (seg->codings, VbCoding, i);
        if (!g_str_has_prefix (c->source, "rule:"))
          continue;
        g_string_assign (f->key, "r:");
        g_string_append (f->key, c->code);
        /* One hit a code: how many rules fired says little more. */
        if (!g_hash_table_contains (f->counts, f->key->str))
          count_key (f);
      }
  return f->counts;
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
