#include "analysis/vb-keyness.h"
#include "base/vb-error.h"
#include "base/vb-text.h"

#include <gsl/gsl_cdf.h>
#include <math.h>
#include <string.h>

/* One cell's share of G2: O ln (O / E), 0 for an empty cell. */
static double
ll_cell (double o, double e)
{
  return o > 0 ? o * log (o / e) : 0.0;
}

void
vb_keyness_table (double a, double b, double c, double d, double *g2, double *chi2, double *p)
{
  double n = a + b + c + d;
  double r1 = a + b, r2 = c + d, c1 = a + c, c2 = b + d;
  double e11 = r1 * c1 / n, e12 = r1 * c2 / n, e21 = r2 * c1 / n, e22 = r2 * c2 / n;
  double det = a * d - b * c;
  gboolean small = e11 < 5 || e12 < 5 || e21 < 5 || e22 < 5;
  double delta = fabs (det) >= n / 2 && small ? 0.5 : 0.0;
  double sign = a > e11 ? 1.0 : -1.0;
  double x = fabs (det) - n * delta;
  *chi2 = sign * n * x * x / (r1 * r2 * c1 * c2);
  /* Toward the expected counts: the margins stay as they are. */
  double s = det > 0 ? delta : -delta;
  double g = 2 * (ll_cell (a - s, e11) + ll_cell (b + s, e12) + ll_cell (c + s, e21)
                  + ll_cell (d - s, e22));
  *g2 = sign * g;
  *p = gsl_cdf_chisq_Q (fabs (*g2), 1);
}

typedef struct {
  char    *term;
  gboolean phrase;
  guint64  target, reference;
  guint    seg_target, seg_all, seg_new;
  guint    last_seg;  /* 1 + the segment that last counted it */
} Term;

struct _VbKeyness {
  char       *code;
  const VbCode *cb_code;  /* NULL without a codebook */
  GHashTable *terms;      /* term -> Term* */
  guint64     words[2], phrases[2];  /* [0] target, [1] reference */
  guint       n_segments, n_target, n_human;
  GPtrArray  *misses;
  VbText     *text;
};

static void
term_free (gpointer p)
{
  Term *t = p;
  g_free (t->term);
  g_free (t);
}

static void
vb_key_term_clear (gpointer p)
{
  g_free (((VbKeyTerm *) p)->term);
}

VbKeyness *
vb_keyness_new (const char *code, const VbCodebook *cb)
{
  VbKeyness *k = g_new0 (VbKeyness, 1);
  k->code = g_strdup (code);
  k->cb_code = cb ? vb_codebook_lookup (cb, code) : NULL;
  k->terms = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, term_free);
  k->misses = g_ptr_array_new_with_free_func ((GDestroyNotify) vb_segment_free);
  k->text = vb_text_new ("", 0);
  return k;
}

void
vb_keyness_free (VbKeyness *k)
{
  if (k == NULL)
    return;
  g_hash_table_unref (k->terms);
  g_ptr_array_unref (k->misses);
  vb_text_free (k->text);
  g_free (k->code);
  g_free (k);
}

static void
count (VbKeyness *k, const char *s, gboolean phrase, gboolean target, gboolean caught)
{
  Term *t = g_hash_table_lookup (k->terms, s);
  if (t == NULL)
    {
      t = g_new0 (Term, 1);
      t->term = g_strdup (s);
      t->phrase = phrase;
      g_hash_table_insert (k->terms, t->term, t);
    }
  if (target)
    t->target++;
  else
    t->reference++;
  if (t->last_seg == k->n_segments)
    return;
  t->last_seg = k->n_segments;
  t->seg_all++;
  if (target)
    {
      t->seg_target++;
      t->seg_new += !caught;
    }
}

/* Whether the code's rules hold in the segment: in a sentence of it for
 * sentence scope, else anywhere in it (a document-scope rule is tried on
 * the segment alone). */
static gboolean
rules_catch (VbKeyness *k, const VbSegment *seg, GError **error)
{
  const VbCode *c = k->cb_code;
  for (guint r = 0; r < c->rules->len; r++)
    {
      const VbRule *rule = ((VbCodeRule *) c->rules->pdata[r])->compiled;
      GArray *ranges = c->scope == VB_SCOPE_SENTENCE ? k->text->sentences : NULL;
      VbRange whole = vb_text_whole (k->text);
      guint n = ranges ? ranges->len : 1;
      for (guint i = 0; i < n; i++)
        {
          const VbRange *range = ranges ? &g_array_index (ranges, VbRange, i) : &whole;
          GError *local = NULL;
          if (vb_rule_match_checked (rule, k->text, range, NULL, &local))
            return TRUE;
          if (local)
            {
              g_propagate_prefixed_error (error, local, "segment %s:%u: ", seg->document,
                                          seg->index);
              return FALSE;
            }
        }
    }
  return FALSE;
}

gboolean
vb_keyness_add (VbKeyness *k, const VbSegment *seg, GError **error)
{
  gboolean target = FALSE, human = FALSE, rule_coded = FALSE;
  for (guint i = 0; seg->codings && i < seg->codings->len; i++)
    {
      const VbCoding *c = &g_array_index (seg->codings, VbCoding, i);
      gboolean person = g_str_has_prefix (c->source, "coder:");
      human = human || person;
      if (strcmp (c->code, k->code) == 0)
        {
          target = target || person;
          rule_coded = rule_coded || g_str_has_prefix (c->source, "rule:");
        }
    }
  k->n_segments++;
  k->n_human += human;
  k->n_target += target;
  vb_text_set (k->text, seg->text, -1);
  gboolean caught = rule_coded;
  if (k->cb_code)
    {
      GError *local = NULL;
      caught = rules_catch (k, seg, &local);
      if (local)
        {
          g_propagate_error (error, local);
          return FALSE;
        }
    }
  if (target && !caught)
    {
      VbSegment *copy = vb_segment_new ();
      g_free (copy->document);
      g_free (copy->text);
      copy->document = g_strdup (seg->document);
      copy->index = seg->index;
      copy->text = g_strdup (seg->text);
      g_ptr_array_add (k->misses, copy);
    }
  GArray *toks = k->text->tokens;
  int side = target ? 0 : 1;
  g_autoptr (GString) pair = g_string_new (NULL);
  for (guint i = 0; i < toks->len; i++)
    {
      const char *w = g_array_index (toks, VbToken, i).norm;
      count (k, w, FALSE, target, caught);
      k->words[side]++;
      if (i + 1 < toks->len)
        {
          g_string_printf (pair, "%s %s", w, g_array_index (toks, VbToken, i + 1).norm);
          count (k, pair->str, TRUE, target, caught);
          k->phrases[side]++;
        }
    }
  return TRUE;
}

guint
vb_keyness_n_segments (const VbKeyness *k)
{
  return k->n_segments;
}

guint
vb_keyness_n_target (const VbKeyness *k)
{
  return k->n_target;
}

guint
vb_keyness_n_human (const VbKeyness *k)
{
  return k->n_human;
}

GPtrArray *
vb_keyness_misses (const VbKeyness *k)
{
  return k->misses;
}

/* A phrase is used when one of its words is: the rule finds whatever
 * the phrase would and more. */
static gboolean
used (const VbKeyness *k, const Term *t)
{
  if (k->cb_code == NULL)
    return FALSE;
  g_auto (GStrv) words = g_strsplit (t->term, " ", -1);
  for (guint r = 0; r < k->cb_code->rules->len; r++)
    {
      const VbRule *rule = ((VbCodeRule *) k->cb_code->rules->pdata[r])->compiled;
      for (guint w = 0; words[w]; w++)
        if (vb_rule_uses_word (rule, words[w]))
          return TRUE;
    }
  return FALSE;
}

static gint
key_term_cmp (gconstpointer a, gconstpointer b)
{
  const VbKeyTerm *x = a, *y = b;
  if (x->g2 != y->g2)
    return x->g2 > y->g2 ? -1 : 1;
  if (x->chi2 != y->chi2)
    return x->chi2 > y->chi2 ? -1 : 1;
  return strcmp (x->term, y->term);
}

GArray *
vb_keyness_terms (VbKeyness *k, guint min_count, guint n)
{
  GArray *out = g_array_new (FALSE, TRUE, sizeof (VbKeyTerm));
  g_array_set_clear_func (out, vb_key_term_clear);
  GHashTableIter it;
  gpointer v;
  g_hash_table_iter_init (&it, k->terms);
  while (g_hash_table_iter_next (&it, NULL, &v))
    {
      const Term *t = v;
      if (t->target < MAX (min_count, 1) || used (k, t))
        continue;
      const guint64 *tot = t->phrase ? k->phrases : k->words;
      VbKeyTerm kt = { NULL, t->phrase, t->target, t->reference, 0, 0, 0,
                       t->seg_target, t->seg_all, t->seg_new, 0, 0 };
      vb_keyness_table ((double) t->target, (double) t->reference,
                        (double) (tot[0] - t->target), (double) (tot[1] - t->reference),
                        &kt.g2, &kt.chi2, &kt.p);
      if (!(kt.g2 > 0))
        continue;
      kt.term = g_strdup (t->term);
      kt.precision = (double) t->seg_target / t->seg_all;
      kt.recall = k->n_target ? (double) t->seg_target / k->n_target : NAN;
      g_array_append_val (out, kt);
    }
  g_array_sort (out, key_term_cmp);
  if (out->len > n)
    g_array_set_size (out, n);
  return out;
}

char *
vb_keyness_rule_term (const VbKeyTerm *t)
{
  if (t->phrase || strchr (t->term, '\'') || !g_ascii_isalnum (t->term[0]))
    return g_strdup_printf ("\"%s\"", t->term);
  return g_strdup (t->term);
}
