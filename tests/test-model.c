/* test-model.c: the model file (verba-model(5)) round trip: a model made
 * in memory, written, read back and written again gives the same bytes
 * and the same numbers; and a scorer scores what the formula says. */
#include <math.h>
#include <string.h>
#include <glib/gstdio.h>

#include "learn/vb-model.h"

static VbModel *
make_model (void)
{
  VbModel *m = vb_model_new ();
  m->name = g_strdup ("tiny");
  m->coder = g_strdup ("ana\twith a tab");
  vb_feature_settings_clear (&m->features);
  vb_feature_settings_init (&m->features);
  m->features.char_max = 0;
  m->features.char_min = 0;
  m->n_examples = 3;
  g_ptr_array_add (m->inputs, g_strdup ("- stdin"));
  vb_model_add_feature (m, "w:kind", 1.5);
  vb_model_add_feature (m, "w:wait", 1.25);
  vb_model_add_feature (m, "p:long wait", 2.0 / 3.0);
  VbModelCode *c = vb_model_add_code (m, "staff", "Staff & manner");
  c->w = g_new0 (double, 3);
  c->w[0] = 1.0 / 3.0;
  c->w[2] = -0.1;
  c->bias = -0.25;
  c->support = 2;
  c->cv_f1 = 0.75;
  c = vb_model_add_code (m, "wait", NULL);
  c->w = g_new0 (double, 3);
  c->w[1] = 2.5e-7;
  c->threshold = 0.3;
  g_free (c->threshold_by);
  c->threshold_by = g_strdup ("cv-f1");
  return m;
}

static void
test_round_trip (void)
{
  g_autofree char *dir = g_dir_make_tmp ("vb-model-XXXXXX", NULL);
  g_autofree char *a = g_build_filename (dir, "a.model", NULL);
  g_autofree char *b = g_build_filename (dir, "b.model", NULL);
  g_autoptr (VbModel) m = make_model ();
  GError *error = NULL;
  g_assert_true (vb_model_save (m, a, &error));
  g_autoptr (VbModel) back = vb_model_load (a, &error);
  g_assert_no_error (error);
  g_assert_true (vb_model_save (back, b, &error));
  g_autofree char *ta = NULL, *tb = NULL;
  g_assert_true (g_file_get_contents (a, &ta, NULL, NULL));
  g_assert_true (g_file_get_contents (b, &tb, NULL, NULL));
  g_assert_cmpstr (ta, ==, tb);
  g_assert_cmpstr (back->coder, ==, "ana\twith a tab");
  g_assert_cmpuint (back->vocab->len, ==, 3);
  g_assert_cmpfloat (back->idf[2], ==, 2.0 / 3.0);
  const VbModelCode *c = vb_model_lookup (back, "staff");
  g_assert_cmpstr (c->label, ==, "Staff & manner");
  g_assert_cmpfloat (c->w[0], ==, 1.0 / 3.0);
  g_assert_cmpfloat (c->w[1], ==, 0);
  g_assert_cmpfloat (c->bias, ==, -0.25);
  g_assert_cmpfloat (c->cv_f1, ==, 0.75);
  g_assert_true (isnan (c->cv_kappa));
  c = vb_model_lookup (back, "wait");
  g_assert_cmpstr (c->label, ==, "wait");
  g_assert_cmpfloat (c->w[1], ==, 2.5e-7);
  g_assert_cmpfloat (c->threshold, ==, 0.3);
  g_assert_cmpstr (c->threshold_by, ==, "cv-f1");
  g_remove (a);
  g_remove (b);
  g_rmdir (dir);
}

/* "Kind staff, long wait": kind 1, long wait 1 (wait is a word too).
 * tf-idf: kind 1.5, wait 1.25, long wait 2/3; norm over the three. */
static void
test_score (void)
{
  g_autoptr (VbModel) m = make_model ();
  GError *error = NULL;
  g_autoptr (VbModelScorer) s = vb_model_scorer_new (m, &error);
  g_assert_no_error (error);
  g_autoptr (VbSegment) seg = vb_segment_new ();
  g_free (seg->text);
  seg->text = g_strdup ("Kind staff, long wait");
  double scores[2];
  vb_model_score (s, seg, scores);
  double n = sqrt (1.5 * 1.5 + 1.25 * 1.25 + (2.0 / 3.0) * (2.0 / 3.0));
  double z0 = (1.0 / 3.0) * 1.5 / n - 0.1 * (2.0 / 3.0) / n - 0.25;
  double z1 = 2.5e-7 * 1.25 / n;
  g_assert_cmpfloat_with_epsilon (scores[0], 1 / (1 + exp (-z0)), 1e-12);
  g_assert_cmpfloat_with_epsilon (scores[1], 1 / (1 + exp (-z1)), 1e-12);
  /* wait's score (about 0.5) passes its 0.3 threshold; staff's does not. */
  vb_model_code_segment (s, seg, -1, NULL);
  g_assert_cmpuint (seg->codings->len, ==, 1);
  g_assert_cmpstr (g_array_index (seg->codings, VbCoding, 0).code, ==, "wait");
  g_assert_cmpstr (g_array_index (seg->codings, VbCoding, 0).source, ==, "model:tiny");
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/model/round-trip", test_round_trip);
  g_test_add_func ("/model/score", test_score);
  return g_test_run ();
}
