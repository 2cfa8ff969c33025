/* test-scale.c: the indicative scale (vb-scale.h): the words of the
 * built-in scale at hand-picked counts and bases, its file, and the
 * errors of vb_scale_parse. */
#include <string.h>

#include "base/vb-error.h"
#include "analysis/vb-scale.h"

static const char *top;

typedef struct {
  guint count, base;
  const char *word;
} Case;

/* data/scales/indicative.scale tries, in order:
 *   none (count 0), all (share >= 1), one (count 1), almost all (>= 0.9),
 *   most (> 0.5), half (>= 0.5), many (>= 0.35), some (>= 0.2),
 *   a few (>= 0.1), a handful (count >= 2).
 * "all" is listed before "one", so 1 of 1 is "all". */
static const Case cases[] = {
  { 0, 6, "none" },
  { 0, 1, "none" },
  { 6, 6, "all" },
  { 1, 1, "all" },           /* all before one */
  { 1, 15, "one" },
  { 1, 2, "one" },           /* one before half */
  { 14, 15, "almost all" },  /* 0.933 */
  { 9, 10, "almost all" },   /* exactly 0.9 */
  { 18, 20, "almost all" },  /* exactly 0.9 */
  { 8, 9, "most" },          /* 0.889, just under 0.9 */
  { 8, 15, "most" },         /* 0.533 */
  { 6, 11, "most" },         /* 0.545 */
  { 5, 10, "half" },         /* exactly 0.5: not "most" */
  { 4, 9, "many" },          /* 0.444 */
  { 6, 15, "many" },         /* 0.4 */
  { 7, 20, "many" },         /* exactly 0.35 */
  { 6, 20, "some" },         /* 0.3 */
  { 3, 15, "some" },         /* exactly 0.2 */
  { 4, 21, "a few" },        /* 0.190 */
  { 2, 15, "a few" },        /* 0.133 */
  { 2, 20, "a few" },        /* exactly 0.1 */
  { 2, 21, "a handful" },    /* 0.095 */
  { 3, 100, "a handful" },
  { 1, 100, "one" },
};

static void
test_default_words (void)
{
  g_autoptr (VbScale) s = vb_scale_default ();
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      const char *got = vb_scale_word (s, cases[i].count, cases[i].base);
      if (g_strcmp0 (got, cases[i].word) != 0)
        g_error ("%u of %u: got '%s', want '%s'", cases[i].count, cases[i].base,
                 got ? got : "(null)", cases[i].word);
      g_assert_cmpstr (got, ==, cases[i].word);
    }
}

static void
test_default_no_base (void)
{
  g_autoptr (VbScale) s = vb_scale_default ();
  g_assert_null (vb_scale_word (s, 0, 0));
  g_assert_null (vb_scale_word (s, 3, 0));
}

static void
test_default_min_base (void)
{
  g_autoptr (VbScale) s = vb_scale_default ();
  g_assert_cmpuint (vb_scale_min_base (s), ==, 5);
}

static void
test_default_every_share (void)
{
  /* Every count of every base up to 60 gets a word, and the words never
   * go down the scale as the count grows. */
  static const char *const order[] = {
    "none", "one", "a handful", "a few", "some", "many", "half", "most", "almost all", "all",
  };
  g_autoptr (VbScale) s = vb_scale_default ();
  for (guint base = 1; base <= 60; base++)
    {
      int prev = -1;
      for (guint count = 0; count <= base; count++)
        {
          const char *w = vb_scale_word (s, count, base);
          g_assert_nonnull (w);
          int rank = -1;
          for (guint k = 0; k < G_N_ELEMENTS (order); k++)
            if (strcmp (w, order[k]) == 0)
              rank = (int) k;
          g_assert_cmpint (rank, >=, 0);
          /* "one" is a count, not a share: 1 of 2 is "one" though 2 of 4
           * is "half"; compare the others only. */
          if (strcmp (w, "one") != 0)
            {
              g_assert_cmpint (rank, >=, prev);
              prev = rank;
            }
        }
    }
}

static void
test_file_matches_builtin (void)
{
  g_autofree char *path = g_build_filename (top, "data", "scales", "indicative.scale", NULL);
  g_autofree char *text = NULL;
  gsize len = 0;
  GError *error = NULL;
  g_assert_true (g_file_get_contents (path, &text, &len, &error));
  g_assert_no_error (error);
  const char *builtin = vb_scale_default_text ();
  g_assert_cmpuint (len, ==, strlen (builtin));
  g_assert_true (memcmp (text, builtin, len) == 0);
  g_assert_cmpstr (text, ==, builtin);

  /* Loading the file gives the same scale. */
  g_autoptr (VbScale) file = vb_scale_load (path, &error);
  g_assert_no_error (error);
  g_autoptr (VbScale) def = vb_scale_default ();
  g_assert_cmpuint (vb_scale_min_base (file), ==, 5);
  for (guint base = 1; base <= 40; base++)
    for (guint count = 0; count <= base; count++)
      g_assert_cmpstr (vb_scale_word (file, count, base), ==, vb_scale_word (def, count, base));
}

static void
test_load_missing (void)
{
  g_autofree char *path = g_build_filename (top, "data", "scales", "no-such.scale", NULL);
  GError *error = NULL;
  g_assert_null (vb_scale_load (path, &error));
  g_assert_error (error, VB_ERROR, VB_ERROR_IO);
  g_assert_true (g_str_has_prefix (error->message, path));
  g_assert_true (strstr (error->message, ": cannot read: ") != NULL);
  g_error_free (error);
}

/* ---- parsing ---- */

static void
assert_parse_error (const char *text, const char *message)
{
  GError *error = NULL;
  VbScale *s = vb_scale_parse (text, "my.scale", &error);
  g_assert_null (s);
  g_assert_error (error, VB_ERROR, VB_ERROR_PARSE);
  g_assert_cmpstr (error->message, ==, message);
  g_error_free (error);
}

static void
test_parse_custom (void)
{
  /* A three-band scale; no min-base is 0; words are stripped. */
  GError *error = NULL;
  g_autoptr (VbScale) s = vb_scale_parse ("[scale]\n"
                                          "bands = nobody ;  at most a third;the rest\n"
                                          "[band:nobody]\ncount-max = 0\n"
                                          "[band:at most a third]\nshare-max = 0.34\n"
                                          "[band:the rest]\nshare-above = 0\n",
                                          "custom.scale", &error);
  g_assert_no_error (error);
  g_assert_nonnull (s);
  g_assert_cmpuint (vb_scale_min_base (s), ==, 0);
  g_assert_cmpstr (vb_scale_word (s, 0, 9), ==, "nobody");
  g_assert_cmpstr (vb_scale_word (s, 3, 9), ==, "at most a third");
  g_assert_cmpstr (vb_scale_word (s, 4, 9), ==, "the rest");
  g_assert_cmpstr (vb_scale_word (s, 9, 9), ==, "the rest");
  g_assert_null (vb_scale_word (s, 0, 0));
}

static void
test_parse_conditions (void)
{
  /* share-below and count bounds. */
  GError *error = NULL;
  g_autoptr (VbScale) s = vb_scale_parse ("[scale]\nmin-base = 3\n"
                                          "bands = two;under half;rest\n"
                                          "[band:two]\ncount = 2\n"
                                          "[band:under half]\nshare-below = 0.5\ncount-min = 1\n"
                                          "[band:rest]\ncount-max = 1000\n",
                                          "c.scale", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (vb_scale_min_base (s), ==, 3);
  g_assert_cmpstr (vb_scale_word (s, 2, 100), ==, "two");
  g_assert_cmpstr (vb_scale_word (s, 4, 10), ==, "under half");
  g_assert_cmpstr (vb_scale_word (s, 5, 10), ==, "rest");
  g_assert_cmpstr (vb_scale_word (s, 0, 10), ==, "rest");
}

static void
test_parse_gap (void)
{
  assert_parse_error ("[scale]\nbands = none\n[band:none]\ncount = 0\n",
                      "my.scale: no band describes 1 of 1: add a band that catches the rest");
  assert_parse_error ("[scale]\nbands = none;all\n[band:none]\ncount = 0\n[band:all]\nshare-min = 1\n",
                      "my.scale: no band describes 1 of 2: add a band that catches the rest");
  /* The default scale without its last band leaves 2 of 21 (0.095). */
  assert_parse_error ("[scale]\nbands = none;all;one;few\n"
                      "[band:none]\ncount = 0\n[band:all]\nshare-min = 1\n[band:one]\ncount = 1\n"
                      "[band:few]\nshare-min = 0.1\n",
                      "my.scale: no band describes 2 of 21: add a band that catches the rest");
}

static void
test_parse_band_without_group (void)
{
  assert_parse_error ("[scale]\nbands = none; lots\n[band:none]\ncount = 0\n",
                      "my.scale: band 'lots' is listed but has no [band:lots]");
}

static void
test_parse_bad_share (void)
{
  assert_parse_error ("[scale]\nbands = x\n[band:x]\nshare-min = 1.5\n",
                      "my.scale: [band:x] share-min: '1.5' is not a share between 0 and 1");
  assert_parse_error ("[scale]\nbands = x\n[band:x]\nshare-above = -0.1\n",
                      "my.scale: [band:x] share-above: '-0.1' is not a share between 0 and 1");
  assert_parse_error ("[scale]\nbands = x\n[band:x]\nshare-max = 50%\n",
                      "my.scale: [band:x] share-max: '50%' is not a share between 0 and 1");
  assert_parse_error ("[scale]\nbands = x\n[band:x]\nshare-below = half\n",
                      "my.scale: [band:x] share-below: 'half' is not a share between 0 and 1");
  assert_parse_error ("[scale]\nbands = x\n[band:x]\nshare-min =\n",
                      "my.scale: [band:x] share-min: '' is not a share between 0 and 1");
}

static void
test_parse_nan_share (void)
{
  /* "nan" is no share between 0 and 1 either; accepted, it would silently
   * drop the condition and turn the band into a catch-all. */
  GError *error = NULL;
  VbScale *s = vb_scale_parse ("[scale]\nbands = most;rest\n[band:most]\nshare-min = nan\n"
                               "[band:rest]\ncount-min = 0\n",
                               "my.scale", &error);
  g_assert_null (s);
  g_assert_error (error, VB_ERROR, VB_ERROR_PARSE);
  g_assert_cmpstr (error->message, ==,
                   "my.scale: [band:most] share-min: 'nan' is not a share between 0 and 1");
  g_error_free (error);
}

static void
test_parse_bad_count (void)
{
  assert_parse_error ("[scale]\nbands = x\n[band:x]\ncount = 2.5\n",
                      "my.scale: [band:x] count: '2.5' is not a whole number");
  assert_parse_error ("[scale]\nbands = x\n[band:x]\ncount-min = -1\n",
                      "my.scale: [band:x] count-min: '-1' is not a whole number");
  assert_parse_error ("[scale]\nbands = x\n[band:x]\ncount-max = two\n",
                      "my.scale: [band:x] count-max: 'two' is not a whole number");
  assert_parse_error ("[scale]\nmin-base = 5.0\nbands = x\n[band:x]\ncount-min = 0\n",
                      "my.scale: [scale] min-base: '5.0' is not a whole number");
}

static void
test_parse_structure (void)
{
  assert_parse_error ("[scale]\nname = empty\n", "my.scale: [scale] needs a 'bands' list");
  assert_parse_error ("[other]\nbands = x\n", "my.scale: [scale] needs a 'bands' list");
  /* Not a key file at all: the GKeyFile message, after the file name. */
  GError *error = NULL;
  g_assert_null (vb_scale_parse ("just words\n", "my.scale", &error));
  g_assert_error (error, VB_ERROR, VB_ERROR_PARSE);
  g_assert_true (g_str_has_prefix (error->message, "my.scale: "));
  g_error_free (error);
}

int
main (int argc, char **argv)
{
  top = g_getenv ("VB_TOP_SRCDIR");
  if (top == NULL)
    top = ".";
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/scale/default/words", test_default_words);
  g_test_add_func ("/scale/default/no-base", test_default_no_base);
  g_test_add_func ("/scale/default/min-base", test_default_min_base);
  g_test_add_func ("/scale/default/every-share", test_default_every_share);
  g_test_add_func ("/scale/default/file-matches-builtin", test_file_matches_builtin);
  g_test_add_func ("/scale/load/missing", test_load_missing);
  g_test_add_func ("/scale/parse/custom", test_parse_custom);
  g_test_add_func ("/scale/parse/conditions", test_parse_conditions);
  g_test_add_func ("/scale/parse/gap", test_parse_gap);
  g_test_add_func ("/scale/parse/band-without-group", test_parse_band_without_group);
  g_test_add_func ("/scale/parse/bad-share", test_parse_bad_share);
  g_test_add_func ("/scale/parse/nan-share", test_parse_nan_share);
  g_test_add_func ("/scale/parse/bad-count", test_parse_bad_count);
  g_test_add_func ("/scale/parse/structure", test_parse_structure);
  return g_test_run ();
}
