#include "base/vb-datadir.h"

static char *
first_dir (const char *a, const char *b, const char *c)
{
  const char *cand[] = { a, b, c };
  for (guint i = 0; i < G_N_ELEMENTS (cand); i++)
    if (cand[i] && g_file_test (cand[i], G_FILE_TEST_IS_DIR))
      return g_strdup (cand[i]);
  return g_strdup (b);
}

char *
vb_datadir_codebooks (void)
{
  const char *env = g_getenv ("VERBA_DATADIR");
  g_autofree char *e = env ? g_build_filename (env, "codebooks", NULL) : NULL;
  g_autofree char *inst = g_build_filename (VB_PKGDATADIR, "codebooks", NULL);
  g_autofree char *src = g_build_filename (VB_SRCDIR, "codebooks", NULL);
  /* The source tree comes before an install so that a build tree always
   * runs with its own content, never an older installed copy. */
  return first_dir (e, src, inst);
}

char *
vb_datadir_example_study (void)
{
  const char *env = g_getenv ("VERBA_DATADIR");
  g_autofree char *e = env ? g_build_filename (env, "ethical-standards", NULL) : NULL;
  g_autofree char *inst = g_build_filename (VB_PKGDATADIR, "ethical-standards", NULL);
  g_autofree char *src = g_build_filename (VB_SRCDIR, "data", "ethical-standards", NULL);
  return first_dir (e, src, inst);
}
