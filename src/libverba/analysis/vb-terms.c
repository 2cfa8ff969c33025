#include "analysis/vb-terms.h"
#include "base/vb-stem.h"
#include "base/vb-error.h"
#include "base/vb-scratch.h"
#include "base/vb-text.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* Written for verba: English function words (articles, pronouns and their
 * contractions, auxiliaries, prepositions, conjunctions, a few adverbs of
 * degree), the words that dominate any count of what people said and say
 * nothing of what about.  Negations (not, no, never, nor) are kept out of
 * the list: a codebook often needs them.  Sorted, for bsearch. */
static const char *const stop_words[] = {
  "a", "about", "above", "after", "again", "all", "also", "am", "an", "and", "any", "are",
  "aren't", "as", "at", "be", "because", "been", "before", "being", "below", "between",
  "both", "but", "by", "can", "can't", "could", "couldn't", "did", "didn't", "do", "does",
  "doesn't", "doing", "don't", "down", "during", "each", "few", "for", "from", "further",
  "had", "hadn't", "has", "hasn't", "have", "haven't", "having", "he", "he'd", "he'll",
  "he's", "her", "here", "here's", "hers", "herself", "him", "himself", "his", "how",
  "how's", "i", "i'd", "i'll", "i'm", "i've", "if", "in", "into", "is", "isn't", "it",
  "it's", "its", "itself", "just", "let's", "me", "more", "most", "much", "my", "myself",
  "of", "off", "on", "once", "only", "or", "other", "ought", "our", "ours", "ourselves",
  "out", "over", "own", "same", "shall", "she", "she'd", "she'll", "she's", "should",
  "shouldn't", "so", "some", "such", "than", "that", "that's", "the", "their", "theirs",
  "them", "themselves", "then", "there", "there's", "these", "they", "they'd", "they'll",
  "they're", "they've", "this", "those", "through", "to", "too", "under", "until", "up",
  "very", "was", "wasn't", "we", "we'd", "we'll", "we're", "we've", "were", "weren't",
  "what", "what's", "when", "when's", "where", "where's", "which", "while", "who", "who's",
  "whom", "why", "why's", "will", "with", "won't", "would", "wouldn't", "you", "you'd",
  "you'll", "you're", "you've", "your", "yours", "yourself", "yourselves",
};

static int
compare_word (const void *a, const void *b)
{
  return strcmp (*(const char *const *) a, *(const char *const *) b);
}

gboolean
vb_stop_word (const char *norm)
{
  return bsearch (&norm, stop_words, G_N_ELEMENTS (stop_words), sizeof stop_words[0],
                  compare_word) != NULL;
}

typedef struct {
  char  *group;   /* owned by the groups table */
  char  *term;
  guint  count;
  guint  documents;
  guint  last_doc;  /* 1 + index of the last document counted, 0 none */
  guint32 id;       /* order of creation */
} Entry;

/* A run of one document's segments: the sorted ids of the terms it used,
 * from id number off of all runs' lists (in the scratch file below
 * `spilled`, in memory from there). */
typedef struct {
  guint64 off;
  guint32 len;
  guint32 prev;     /* 1 + index of the document's run before, 0 none */
} Run;

struct _VbTerms {
  VbTermsOptions     o;
  VbStemmer *stemmer;
  VbText            *text;
  GHashTable        *entries;   /* "group\037term" -> Entry */
  GHashTable        *groups;    /* group value -> itself */
  GHashTable        *docs;      /* document -> 1 + index */
  /* Which terms each document used, to count a document once when its
   * segments are not all together: 4 bytes a (document, term), not a
   * string (issue #19: 275 MB at 100,000 rows before). */
  GArray            *used;      /* guint32 term ids, the runs' lists one after another */
  guint64            spilled;   /* ids written to the scratch file */
  guint              in_memory; /* USED_IN_MEMORY, or less for tests */
  int                scratch;   /* the lists before `used`, -1 none yet */
  GError            *spill_error;
  GArray            *runs;      /* Run */
  GArray            *last_run;  /* guint32 per document: 1 + its latest run, 0 none */
  GArray            *run_ids;   /* the current run's term ids */
  guint              cur_doc;   /* 1 + index of the current run's document, 0 none */
  gboolean           returning; /* the current document has had a run before */
  GString           *key;
  GPtrArray         *words;     /* this sentence's words (char *, owned) */
  GArray            *rows;
};

/* The lists are looked up only when a document comes back, which is rare:
 * past this many ids (8 MiB) they go to an unlinked scratch file, so memory
 * stays flat however many documents there are. */
#define USED_IN_MEMORY (1u << 21)

static void
entry_free (gpointer p)
{
  Entry *e = p;
  g_free (e->term);
  g_free (e);
}

VbTerms *
vb_terms_new (const VbTermsOptions *o, GError **error)
{
  VbStemmer *stemmer = NULL;
  if (o->stem_language && (stemmer = vb_stemmer_new (o->stem_language, error)) == NULL)
    return NULL;
  VbTerms *t = g_new0 (VbTerms, 1);
  t->o = *o;
  t->o.stem_language = NULL;
  t->stemmer = stemmer;
  t->text = vb_text_new ("", 0);
  t->entries = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, entry_free);
  t->groups = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  t->docs = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  t->used = g_array_new (FALSE, FALSE, sizeof (guint32));
  t->scratch = -1;
  /* Tests make the scratch file's lists with a handful of documents. */
  const char *env = g_getenv ("VERBA_TERMS_IDS_IN_MEMORY");
  t->in_memory = env && atoi (env) > 0 ? (guint) atoi (env) : USED_IN_MEMORY;
  t->runs = g_array_new (FALSE, FALSE, sizeof (Run));
  t->last_run = g_array_new (FALSE, TRUE, sizeof (guint32));
  t->run_ids = g_array_new (FALSE, FALSE, sizeof (guint32));
  t->key = g_string_new (NULL);
  t->words = g_ptr_array_new_with_free_func (g_free);
  t->rows = g_array_new (FALSE, FALSE, sizeof (VbTermRow));
  return t;
}

void
vb_terms_free (VbTerms *t)
{
  if (t == NULL)
    return;
  vb_stemmer_free (t->stemmer);
  vb_text_free (t->text);
  g_hash_table_unref (t->entries);
  g_hash_table_unref (t->groups);
  g_hash_table_unref (t->docs);
  g_array_unref (t->used);
  if (t->scratch >= 0)
    close (t->scratch);
  g_clear_error (&t->spill_error);
  g_array_unref (t->runs);
  g_array_unref (t->last_run);
  g_array_unref (t->run_ids);
  g_string_free (t->key, TRUE);
  g_ptr_array_unref (t->words);
  g_array_unref (t->rows);
  g_free (t);
}

static gint
compare_id (gconstpointer a, gconstpointer b)
{
  guint32 x = *(const guint32 *) a, y = *(const guint32 *) b;
  return (x > y) - (x < y);
}

static void
end_run (VbTerms *t)
{
  if (t->cur_doc == 0)
    return;
  g_array_sort (t->run_ids, compare_id);
  guint32 *last = &g_array_index (t->last_run, guint32, t->cur_doc - 1);
  Run r = { t->spilled + t->used->len, t->run_ids->len, *last };
  g_array_append_vals (t->used, t->run_ids->data, t->run_ids->len);
  g_array_append_val (t->runs, r);
  *last = t->runs->len;
  g_array_set_size (t->run_ids, 0);
  t->cur_doc = 0;
  if (t->used->len >= t->in_memory && t->spill_error == NULL)
    {
      if (t->scratch < 0)
        t->scratch = vb_scratch_new ("file for the terms of documents", &t->spill_error);
      if (t->scratch >= 0
          && vb_scratch_write (t->scratch, t->used->data, t->used->len * sizeof (guint32),
                               &t->spill_error))
        {
          t->spilled += t->used->len;
          g_array_set_size (t->used, 0);
        }
    }
}

static void
start_run (VbTerms *t, guint doc)
{
  if (t->cur_doc == doc)
    return;
  end_run (t);
  if (t->last_run->len < doc)
    g_array_set_size (t->last_run, doc);
  t->cur_doc = doc;
  t->returning = g_array_index (t->last_run, guint32, doc - 1) != 0;
}

static gboolean
used_before (VbTerms *t, guint doc, guint32 id)
{
  for (guint32 r = g_array_index (t->last_run, guint32, doc - 1); r; )
    {
      const Run *run = &g_array_index (t->runs, Run, r - 1);
      r = run->prev;
      if (run->off >= t->spilled)
        {
          if (bsearch (&id, &g_array_index (t->used, guint32, run->off - t->spilled), run->len,
                       sizeof id, compare_id))
            return TRUE;
          continue;
        }
      gsize n = run->len * sizeof (guint32);
      g_autofree guint32 *ids = g_malloc (n ? n : 1);
      if (t->spill_error != NULL
          || !vb_scratch_read_at (t->scratch, ids, n, run->off * sizeof (guint32), &t->spill_error))
        return FALSE; /* vb_terms_add reports it */
      if (bsearch (&id, ids, run->len, sizeof id, compare_id))
        return TRUE;
    }
  return FALSE;
}

static void
count_term (VbTerms *t, const char *group, guint doc, const char *term)
{
  g_string_assign (t->key, group);
  g_string_append_c (t->key, '\037');
  g_string_append (t->key, term);
  Entry *e = g_hash_table_lookup (t->entries, t->key->str);
  if (e == NULL)
    {
      e = g_new0 (Entry, 1);
      e->group = (char *) group;
      e->term = g_strdup (term);
      e->id = g_hash_table_size (t->entries);
      g_hash_table_insert (t->entries, g_strdup (t->key->str), e);
    }
  e->count++;
  if (e->last_doc == doc)
    return;
  e->last_doc = doc;
  /* Documents usually come one after the other; one that comes back is
   * looked up in its earlier runs, so it is never counted twice. */
  if (t->returning && used_before (t, doc, e->id))
    return;
  g_array_append_val (t->run_ids, e->id);
  e->documents++;
}

static char *
word_of (VbTerms *t, const char *norm)
{
  if (t->stemmer == NULL)
    return g_strdup (norm);
  gsize len = 0;
  const char *st = vb_stemmer_stem (t->stemmer, norm, &len);
  return st ? g_strndup (st, len) : g_strdup (norm);
}

gboolean
vb_terms_add (VbTerms *t, const VbSegment *seg, const char *value, GError **error)
{
  if (value == NULL || *value == '\0')
    value = "(none)";
  char *group = g_hash_table_lookup (t->groups, value);
  if (group == NULL)
    {
      group = g_strdup (value);
      g_hash_table_add (t->groups, group);
    }
  guint doc = GPOINTER_TO_UINT (g_hash_table_lookup (t->docs, seg->document));
  if (doc == 0)
    {
      doc = g_hash_table_size (t->docs) + 1;
      g_hash_table_insert (t->docs, g_strdup (seg->document), GUINT_TO_POINTER (doc));
    }
  start_run (t, doc);
  vb_text_set (t->text, seg->text, -1);
  const GArray *toks = t->text->tokens;
  guint n = t->o.ngram;
  g_autoptr (GString) term = g_string_new (NULL);
  for (guint s = 0; s < t->text->sentences->len; s++)
    {
      const VbRange *r = &g_array_index (t->text->sentences, VbRange, s);
      g_ptr_array_set_size (t->words, 0);
      for (guint i = r->tok_from; i < r->tok_to; i++)
        g_ptr_array_add (t->words, g_strdup (g_array_index (toks, VbToken, i).norm));
      for (guint i = 0; i + n <= t->words->len; i++)
        {
          const char *first = t->words->pdata[i], *last = t->words->pdata[i + n - 1];
          if (t->o.drop_stop_words && (vb_stop_word (first) || vb_stop_word (last)))
            continue;
          g_string_truncate (term, 0);
          for (guint k = 0; k < n; k++)
            {
              g_autofree char *w = word_of (t, t->words->pdata[i + k]);
              if (k)
                g_string_append_c (term, ' ');
              g_string_append (term, w);
            }
          count_term (t, group, doc, term->str);
        }
    }
  if (t->spill_error)
    {
      g_propagate_error (error, g_steal_pointer (&t->spill_error));
      return FALSE;
    }
  return TRUE;
}

static gint
compare_rows (gconstpointer a, gconstpointer b)
{
  const VbTermRow *x = a, *y = b;
  int c = vb_value_compare (x->group, y->group);
  if (c == 0)
    c = (x->count < y->count) - (x->count > y->count);
  if (c == 0)
    c = (x->documents < y->documents) - (x->documents > y->documents);
  return c ? c : strcmp (x->term, y->term);
}

GArray *
vb_terms_rows (VbTerms *t, guint top)
{
  g_array_set_size (t->rows, 0);
  GHashTableIter it;
  gpointer v;
  g_hash_table_iter_init (&it, t->entries);
  while (g_hash_table_iter_next (&it, NULL, &v))
    {
      const Entry *e = v;
      VbTermRow row = { e->group, e->term, e->count, e->documents };
      g_array_append_val (t->rows, row);
    }
  g_array_sort (t->rows, compare_rows);
  if (top == 0)
    return t->rows;
  guint kept = 0, in_group = 0;
  for (guint i = 0; i < t->rows->len; i++)
    {
      const VbTermRow *row = &g_array_index (t->rows, VbTermRow, i);
      if (i == 0 || strcmp (row->group, g_array_index (t->rows, VbTermRow, kept - 1).group) != 0)
        in_group = 0;
      if (in_group++ < top)
        g_array_index (t->rows, VbTermRow, kept++) = *row;
    }
  g_array_set_size (t->rows, kept);
  return t->rows;
}
