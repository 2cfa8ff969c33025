/* test-rule-eval.c: the evaluation of rules the scan wakes up
 * (vb_rule_match_occ, vb_rule_match_occ_kids: hits kept in the scratch's
 * room, sorted in place, a word's hits without the phrase loop, AND
 * looking its kids up first) against the reference path that evaluates
 * every rule on every segment (vb_coder_new_reference): every bundled
 * codebook, over seeded random segments made of the words its own rules
 * look for (each term's words and each regex's literals), fillers and
 * punctuation.  Both must give the same codings, in the same order, with
 * the same rule named. */
#include <string.h>

#include "code/vb-coder.h"
#include "codebook/vb-codebook-forms.h"
#include "codebook/vb-rule-private.h"
#include "test-words.h"

static const char *const fillers[] = {
  "the", "to", "be", "they", "need", "to be", "not", "no", "never", "don't", "but", "however",
  "I", "we", "people", "should", "must", "with", "of", "and", "is", "was", "a", "more",
  "Honest", "FAIR", "\xe2\x80\x99", "\xe2\x84\xaa" "elvin",
};

static const char *const seps[] = {
  " ", " ", " ", " ", " ", " ", ", ", ". ", "! ", "? ", "\n\n", " - ", "; ", ": ", "  ",
};

/* The words rule node looks for, into words (owned by the codebook). */
static void
collect_words (const VbNode *node, GPtrArray *words)
{
  for (guint i = 0; i < node->n_words; i++)
    g_ptr_array_add (words, node->words[i].norm);
  if (node->lit != NULL)
    g_ptr_array_add (words, node->lit);
  for (guint i = 0; node->alts != NULL && node->alts[i] != NULL; i++)
    g_ptr_array_add (words, node->alts[i]);
  for (guint i = 0; i < node->n_kids; i++)
    collect_words (node->kids[i], words);
}

static GPtrArray *
gen_document (GRand *r, GPtrArray *words, guint d)
{
  GPtrArray *doc = g_ptr_array_new_with_free_func ((GDestroyNotify) vb_segment_free);
  int n = g_rand_int_range (r, 1, 4);
  for (int i = 0; i < n; i++)
    {
      VbSegment *seg = vb_segment_new ();
      g_free (seg->document);
      seg->document = g_strdup_printf ("d%u", d);
      seg->index = (guint) i + 1;
      GString *t = g_string_new (NULL);
      int len = g_rand_int_range (r, 0, 50);
      for (int w = 0; w < len; w++)
        {
          if (w > 0)
            g_string_append (t, seps[g_rand_int_range (r, 0, G_N_ELEMENTS (seps))]);
          if (g_rand_int_range (r, 0, 3) == 0)
            g_string_append (t, fillers[g_rand_int_range (r, 0, G_N_ELEMENTS (fillers))]);
          else
            {
              const char *word = words->pdata[g_rand_int_range (r, 0, (gint) words->len)];
              /* Some in capitals: the words match caselessly. */
              if (g_rand_int_range (r, 0, 8) == 0)
                {
                  g_autofree char *up = g_ascii_strup (word, -1);
                  g_string_append (t, up);
                }
              else
                g_string_append (t, word);
            }
        }
      g_free (seg->text);
      seg->text = g_string_free (t, FALSE);
      g_ptr_array_add (doc, seg);
    }
  return doc;
}

static void
test_bundled (gconstpointer data)
{
  const char *name = data;
  GError *error = NULL;
  g_autoptr (VbCodebook) cb = vb_codebook_load (name, NULL, &error);
  g_assert_no_error (error);
  g_autoptr (GPtrArray) words = g_ptr_array_new ();
  for (guint c = 0; c < vb_codebook_n_codes (cb); c++)
    {
      const VbCode *code = vb_codebook_code (cb, c);
      for (guint k = 0; k < code->rules->len; k++)
        collect_words (((const VbCodeRule *) code->rules->pdata[k])->compiled->root, words);
    }
  g_assert_cmpuint (words->len, >, 50);

  g_autoptr (VbCoder) fast = vb_coder_new (cb);
  g_autoptr (VbCoder) ref = vb_coder_new_reference (cb);
  g_autoptr (GRand) r = g_rand_new_with_seed (g_str_hash (name));
  g_autoptr (GHashTable) fired = g_hash_table_new (g_str_hash, g_str_equal);
  guint total = 0;
  for (guint d = 0; d < 300; d++)
    {
      g_autoptr (GPtrArray) doc = gen_document (r, words, d);
      g_autoptr (GPtrArray) doc2 = test_copy_document (doc);
      vb_coder_code_document (ref, doc);
      vb_coder_code_document (fast, doc2);
      for (guint i = 0; i < doc->len; i++)
        {
          const VbSegment *s = doc->pdata[i];
          test_assert_same_codings (name, doc2->pdata[i], s);
          total += s->codings->len;
          for (guint k = 0; k < s->codings->len; k++)
            g_hash_table_add (fired, (gpointer) g_array_index (s->codings, VbCoding, k).code);
        }
    }
  /* The comparison means something only if the rules fire, most codes
   * among them. */
  g_assert_cmpuint (total, >, 1000);
  g_assert_cmpuint (g_hash_table_size (fired) * 2, >, vb_codebook_n_codes (cb));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  static const char *const bundled[] = {
    "seven-principles", "public-standards", "public-service-values", "consultation-stance",
    "stakeholder-standards",
  };
  for (guint i = 0; i < G_N_ELEMENTS (bundled); i++)
    {
      g_autofree char *path = g_strdup_printf ("/rule-eval/bundled/%s", bundled[i]);
      g_test_add_data_func (path, bundled[i], test_bundled);
    }
  return g_test_run ();
}
