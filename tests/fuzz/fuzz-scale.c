/* fuzz-scale: an indicative scale file (vb_scale_parse), then a word for
 * every count of a few bases. */
#include "fuzz.h"
#include "analysis/vb-scale.h"

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  g_autofree char *text = fuzz_strndup (data, size);
  g_autoptr (GError) err = NULL;
  g_autoptr (VbScale) scale = vb_scale_parse (text, "fuzz.scale", &err);
  if (scale == NULL)
    {
      fuzz_assert (err != NULL);
      return 0;
    }
  /* The parser refuses a scale with a gap up to a base of 500. */
  static const guint bases[] = { 0, 1, 2, 5, 9, 10, 21, 365, 500 };
  for (guint b = 0; b < G_N_ELEMENTS (bases); b++)
    for (guint c = 0; c <= MIN (bases[b], 30u); c++)
      fuzz_assert ((vb_scale_word (scale, c, bases[b]) == NULL) == (bases[b] == 0));
  (void) vb_scale_word (scale, G_MAXUINT, G_MAXUINT);
  (void) vb_scale_word (scale, 7, G_MAXUINT);
  return 0;
}
