/* fuzz-dict: a dictionary, its format chosen by the first byte (modulo 7:
 * LIWC .dic, LIWC-22 .dicx, WordStat .cat, Yoshikoder .ykd, Lexicoder .lc2
 * and .lc3, YAML .yml), loaded as `verba codebook check` loads it (vb_codebook_load
 * with a problem list: the format from the file name).  One that loads
 * codes three segments, and converts to verba's own format and to a .qdc
 * and back with the same codes. */
#include "fuzz.h"
#include "codebook/vb-codebook-forms.h"

static const char *const names[] = {
  "fuzz.dic", "fuzz.dicx", "fuzz.cat", "fuzz.ykd", "fuzz.lc2", "fuzz.lc3", "fuzz.yml",
};

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  if (size == 0)
    return 0;
  const char *path = fuzz_file (names[data[0] % G_N_ELEMENTS (names)], data + 1, size - 1);
  g_autoptr (GError) err = NULL;
  g_autoptr (GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (VbCodebook) cb = vb_codebook_load (path, problems, &err);
  if (cb == NULL)
    {
      fuzz_assert (err != NULL);
      return 0;
    }
  /* A problem fails the load: none may be left over on success. */
  fuzz_assert (err == NULL && problems->len == 0);
  fuzz_check_codebook_conversions (cb);
  fuzz_check_coding (cb);
  return 0;
}
