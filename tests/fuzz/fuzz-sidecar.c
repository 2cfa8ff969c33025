/* fuzz-sidecar: a document-attributes CSV (vb_sidecar_load). */
#include "fuzz.h"
#include "import/vb-sidecar.h"

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  const char *path = fuzz_file ("attributes.csv", data, size);
  g_autoptr (GError) err = NULL;
  g_autoptr (VbSidecar) sc = vb_sidecar_load (path, &err);
  if (sc == NULL)
    {
      fuzz_assert (err != NULL);
      return 0;
    }
  const VbAttrs *a = vb_sidecar_lookup (sc, "g1");
  if (a != NULL)
    for (guint i = 0; i < vb_attrs_size (a); i++)
      fuzz_assert (vb_attrs_index (a, i)->key[0] != '\0');
  g_autoptr (GPtrArray) unused = vb_sidecar_unused (sc);
  for (guint i = 0; i < unused->len; i++)
    fuzz_assert (strcmp (unused->pdata[i], "g1") != 0);
  return 0;
}
