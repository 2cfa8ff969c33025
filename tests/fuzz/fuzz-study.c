/* fuzz-study: a study declaration (vb_study_load), then the questions the
 * importers ask it. */
#include "fuzz.h"
#include "import/vb-study.h"

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  const char *path = fuzz_file ("study.ini", data, size);
  g_autoptr (GError) err = NULL;
  g_autoptr (VbStudy) study = vb_study_new ();
  if (!vb_study_load (study, path, &err))
    {
      fuzz_assert (err != NULL);
      return 0;
    }
  (void) vb_study_title (study);
  const char *const *akeys = vb_study_attribution_keys (study);
  fuzz_assert (akeys != NULL);
  const char *const *keys = vb_study_keys (study);
  for (guint i = 0; keys[i]; i++)
    {
      fuzz_assert (vb_study_declares (study, keys[i]));
      const char *const *vals = vb_study_values (study, keys[i]);
      fuzz_assert (vals != NULL);
      for (guint v = 0; vals[v]; v++)
        fuzz_assert (vb_study_check (study, keys[i], vals[v], NULL));
      g_autofree char *allowed = NULL;
      if (!vb_study_check (study, keys[i], "\x01not-a-value", &allowed))
        fuzz_assert (allowed != NULL);
    }
  return 0;
}
